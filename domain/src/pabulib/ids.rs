//! Project ids that are plain numbers, as in Pabulib: the ids of a vote are
//! looked up in a table indexed by the number instead of hashed.

/// Project ids that are all plain numbers (as in Pabulib) are looked up in a
/// table indexed by the number instead of hashing each id of each vote.
pub(super) struct NumericIds(Vec<u32>);

impl NumericIds {
    const LARGEST: u64 = 1 << 20;

    /// The table, if every id is a canonical decimal number not above [`Self::LARGEST`].
    pub(super) fn new<'a>(ids: impl Iterator<Item = &'a str>) -> Option<NumericIds> {
        let mut table = Vec::new();
        for (index, id) in ids.enumerate() {
            let number = canonical_number(id).filter(|&n| n <= Self::LARGEST)? as usize;
            if table.len() <= number {
                table.resize(number + 1, u32::MAX);
            }
            table[number] = index as u32;
        }
        Some(NumericIds(table))
    }

    /// The project whose id is `id`.
    pub(super) fn get(&self, id: &str) -> Option<u32> {
        self.at(canonical_number(id)?)
    }

    /// The project whose id is the number `number`.
    #[inline]
    pub(super) fn at(&self, number: u64) -> Option<u32> {
        let index = usize::try_from(number).ok().and_then(|n| self.0.get(n));
        index.copied().filter(|&i| i != u32::MAX)
    }
}

/// True when `digits` (ASCII digits only) are in [`canonical_number`]'s form
/// (so their value fits in a `u64`).
pub(super) fn canonical_digits(digits: &[u8]) -> bool {
    (1..=18).contains(&digits.len()) && (digits[0] != b'0' || digits.len() == 1)
}

/// `id` as a number if it is written the one way a number is (no sign, no leading zero).
pub(super) fn canonical_number(id: &str) -> Option<u64> {
    let bytes = id.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) || !canonical_digits(bytes) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')),
    )
}
