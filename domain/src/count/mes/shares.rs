//! A project's supporters as [`Share`]s: those who are not drained, merged
//! by budget class and weight (see [`super::run`]). Every `f64` bound and
//! exact price is computed over shares, so its cost grows with the number of
//! distinct budgets among the supporters, not with the number of voters.

use std::rc::Rc;

use super::run::{DRAINED, NONE, Run};

/// Supporters of a project that are not drained, in one class with one weight.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Share {
    pub class: u32,
    pub weight: u32,
    /// Number of voters (the groups' multiplicities added up).
    pub voters: u64,
    /// Their money each, as `f64`.
    pub budget: f64,
    /// The next share of the same class (another weight), or `NONE`.
    pub next: u32,
}

impl Run<'_> {
    /// The supporters of `p` that are not drained, one share per class and weight.
    pub fn shares(&mut self, p: u32) -> Rc<Vec<Share>> {
        if let Some((_, shares)) = self.cache.iter().find(|(q, _)| *q == p) {
            return Rc::clone(shares);
        }
        let shares = Rc::new(self.gather_shares(p));
        self.cache.push((p, Rc::clone(&shares)));
        shares
    }

    fn gather_shares(&mut self, p: u32) -> Vec<Share> {
        let mut slot = std::mem::take(&mut self.slot);
        slot.resize(self.paid.len(), NONE);
        let supporters = self.inp.supporters.of(p as usize);
        let mut shares: Vec<Share> = Vec::with_capacity(supporters.len().min(self.paid.len() * 2));
        for (g, weight) in supporters.iter() {
            let class = self.paid_as[g as usize];
            if class == DRAINED {
                continue;
            }
            let voters = self.inp.mult[g as usize];
            let head = slot[class as usize];
            match shares.get_mut(head as usize) {
                Some(share) if share.weight == weight => share.voters += voters,
                _ => {
                    let mut at = head;
                    while at != NONE && shares[at as usize].weight != weight {
                        at = shares[at as usize].next;
                    }
                    if at == NONE {
                        slot[class as usize] = shares.len() as u32;
                        shares.push(Share {
                            class,
                            weight,
                            voters,
                            budget: self.paid[class as usize].budget,
                            next: head,
                        });
                    } else {
                        shares[at as usize].voters += voters;
                    }
                }
            }
        }
        for share in &shares {
            slot[share.class as usize] = NONE;
        }
        self.slot = slot;
        shares
    }
}
