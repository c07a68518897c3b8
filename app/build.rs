//! Generates the `i18n` module from `locales/*.json` (Swedish default, English second, Arabic
//! for the voting flow with English for everything else), so a misspelt translation key is a
//! compile error.

use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let config = Config::new("sv")
        .and_then(|c| c.add_locales(["en", "ar"]))
        // Arabic translates the voting flow; every other text falls back to English.
        .and_then(|c| c.extend_locale("ar", "en"))
        .expect("valid locale configuration")
        // Lets `td_string!` build strings with interpolated values (mail, attributes).
        .parse_options(ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(config).expect("translation files parse");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos
        .generate_i18n_module(out_dir.join("i18n"))
        .expect("i18n module is written");
}
