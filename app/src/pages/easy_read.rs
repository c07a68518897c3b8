//! Lättläst: how medborgarbudget works, in easy-to-read Swedish (and plain English), for
//! people with reading difficulties, intellectual disabilities or little Swedish. Short
//! sentences, common words, headings as questions (Myndigheten för tillgängliga medier's
//! guidelines). Linked from every page's footer.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{t, t_string, use_i18n};

/// The easy-read page.
#[component]
pub fn EasyReadPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, easy_read.title).to_string() />
        <div class="page page--prose easy-read-page">
            <h1>{t!(i18n, easy_read.title)}</h1>
            <p class="lead">{t!(i18n, easy_read.intro)}</p>
            <section aria-labelledby="easy-read-1">
                <h2 id="easy-read-1">{t!(i18n, easy_read.s1_heading)}</h2>
                <p>{t!(i18n, easy_read.s1_p1)}</p>
                <p>{t!(i18n, easy_read.s1_p2)}</p>
                <p>{t!(i18n, easy_read.s1_p3)}</p>
                <p>{t!(i18n, easy_read.s1_p4)}</p>
                <p>{t!(i18n, easy_read.s1_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-2">
                <h2 id="easy-read-2">{t!(i18n, easy_read.s2_heading)}</h2>
                <p>{t!(i18n, easy_read.s2_p1)}</p>
                <p>{t!(i18n, easy_read.s2_p2)}</p>
                <p>{t!(i18n, easy_read.s2_p3)}</p>
                <p>{t!(i18n, easy_read.s2_p4)}</p>
                <p>{t!(i18n, easy_read.s2_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-3">
                <h2 id="easy-read-3">{t!(i18n, easy_read.s3_heading)}</h2>
                <p>{t!(i18n, easy_read.s3_p1)}</p>
                <p>{t!(i18n, easy_read.s3_p2)}</p>
                <p>{t!(i18n, easy_read.s3_p3)}</p>
                <p>{t!(i18n, easy_read.s3_p4)}</p>
                <p>{t!(i18n, easy_read.s3_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-4">
                <h2 id="easy-read-4">{t!(i18n, easy_read.s4_heading)}</h2>
                <p>{t!(i18n, easy_read.s4_p1)}</p>
                <p>{t!(i18n, easy_read.s4_p2)}</p>
                <p>{t!(i18n, easy_read.s4_p3)}</p>
                <p>{t!(i18n, easy_read.s4_p4)}</p>
                <p>{t!(i18n, easy_read.s4_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-5">
                <h2 id="easy-read-5">{t!(i18n, easy_read.s5_heading)}</h2>
                <p>{t!(i18n, easy_read.s5_p1)}</p>
                <p>{t!(i18n, easy_read.s5_p2)}</p>
                <p>{t!(i18n, easy_read.s5_p3)}</p>
                <p>{t!(i18n, easy_read.s5_p4)}</p>
                <p>{t!(i18n, easy_read.s5_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-6">
                <h2 id="easy-read-6">{t!(i18n, easy_read.s6_heading)}</h2>
                <p>{t!(i18n, easy_read.s6_p1)}</p>
                <p>{t!(i18n, easy_read.s6_p2)}</p>
                <p>{t!(i18n, easy_read.s6_p3)}</p>
                <p>{t!(i18n, easy_read.s6_p4)}</p>
                <p>{t!(i18n, easy_read.s6_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-7">
                <h2 id="easy-read-7">{t!(i18n, easy_read.s7_heading)}</h2>
                <p>{t!(i18n, easy_read.s7_p1)}</p>
                <p>{t!(i18n, easy_read.s7_p2)}</p>
                <p>{t!(i18n, easy_read.s7_p3)}</p>
                <p>{t!(i18n, easy_read.s7_p4)}</p>
                <p>{t!(i18n, easy_read.s7_p5)}</p>
            </section>
            <section aria-labelledby="easy-read-8">
                <h2 id="easy-read-8">{t!(i18n, easy_read.s8_heading)}</h2>
                <p>{t!(i18n, easy_read.s8_p1)}</p>
                <p>{t!(i18n, easy_read.s8_p2)}</p>
                <p>{t!(i18n, easy_read.s8_p3)}</p>
                <p>{t!(i18n, easy_read.s8_p4)}</p>
            </section>
        </div>
    }
}
