#!/usr/bin/env bash
# Starts the local OpenID provider (server/tests/oidc/provider.mjs) in the background for the
# browser tests, with a client for the server at 127.0.0.1:3000, writes a providers file naming
# it as "testid" into the folder $1, and prints the file's path. The provider's process id is in
# $1/eid-provider.pid (the caller stops it).
set -euo pipefail
out="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
secret="e2e-$(date +%s%N)"
# Only node runs in the background, with every stream redirected: a caller reading this
# script's output ($(...)) would otherwise wait for the provider to end.
cd "$root/server/tests/oidc"
PORT=0 STAY=1 CLIENT_ID=medborgarbudget-e2e CLIENT_SECRET="$secret" \
  REDIRECT_URI=http://127.0.0.1:3000/auth/eid/callback \
  node provider.mjs </dev/null >"$out/eid-provider.out" 2>"$out/eid-provider.log" &
echo $! >"$out/eid-provider.pid"
cd "$root"
for _ in $(seq 1 100); do
  issuer="$(sed -n 's/.*"issuer":"\([^"]*\)".*/\1/p' "$out/eid-provider.out" 2>/dev/null || true)"
  [ -n "$issuer" ] && break
  sleep 0.1
done
if [ -z "$issuer" ]; then
  echo "the local OpenID provider did not start:" >&2
  cat "$out/eid-provider.log" >&2
  exit 1
fi
cat >"$out/eid.toml" <<TOML
[[provider]]
id = "testid"
name = { sv = "Test-eID", en = "Test eID" }
issuer = "$issuer"
client_id = "medborgarbudget-e2e"
client_secret = "$secret"
scopes = ["https://id.oidc.se/scope/naturalPersonNumber", "profile"]
TOML
echo "$out/eid.toml"
