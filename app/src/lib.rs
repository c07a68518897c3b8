//! The isomorphic Leptos app of medborgarbudget: pages, components and server functions.
//!
//! Built twice: with `ssr` into the `server` binary (rendering and server functions), and with
//! `hydrate` into WebAssembly for the browser. Every page works from the server-rendered HTML
//! alone; hydration only makes it smoother.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod components;
pub mod display;
pub mod error;
pub mod form_flash;
pub mod locale;
pub mod model;
pub mod names;
pub mod pages;
pub mod paths;
mod routes;
mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use routes::App;
pub use shell::shell;

/// Entry point of the WebAssembly bundle: attaches the app to the server-rendered body.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets browser tests (and anyone curious) see that the page is interactive.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
