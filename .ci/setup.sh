#!/usr/bin/env bash
# Installs whatever is missing to build, run and test medborgarbudget, and skips what is there.
# Safe to run again and again. Used by the README's two commands and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
step() { printf '\n== %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql)
command -v npm >/dev/null || need_apt+=(nodejs npm)
{ command -v cc >/dev/null && command -v make >/dev/null; } || need_apt+=(build-essential)
perl -MIPC::Cmd -e1 2>/dev/null || need_apt+=(perl)   # OpenSSL's build, inside cargo-leptos
if [ ${#need_apt[@]} -gt 0 ]; then
  step "apt: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  step "cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes the first time)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal the wasm-bindgen crate in Cargo.lock)"
  # No --locked: its lock file names a webpki-roots release that is not in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! { [ -x tools/node_modules/.bin/sass ] && [ -x tools/node_modules/.bin/wasm-opt ]; }; then
  step "npm build tools (sass, wasm-opt)"
  (cd tools && npm ci --no-audit --no-fund)
fi

if ! { [ -d server/tests/oidc/node_modules/oidc-provider ] && [ -d server/tests/oidc/node_modules/jose ]; }; then
  step "npm local OpenID provider for the eID tests (oidc-provider, jose)"
  (cd server/tests/oidc && npm ci --no-audit --no-fund)
fi

if ! { [ -d end2end/node_modules/playwright-core ] && [ -d end2end/node_modules/@axe-core/playwright ]; }; then
  step "npm end2end tools (playwright-core, axe-core)"
  (cd end2end && npm ci --no-audit --no-fund)
fi
