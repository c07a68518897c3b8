//! The HTML document around the app, rendered on the server only. `lang` and `dir` on `<html>`
//! are injected by leptos_meta from the `<Html>` the app renders (see `routes.rs`), so they
//! follow the URL's language in the first HTML and after client-side navigation alike.

use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::App;

/// The full HTML document for a request.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}
