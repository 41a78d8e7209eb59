#!/usr/bin/env bash
# Builds the WASM client and assembles the site the server serves, in target/site:
#   target/site/pkg/chatshare.js, chatshare_bg.wasm, chatshare.css   and the files of public/
#   scripts/build-site.sh release   size-optimised (profile wasm-release, then wasm-opt -Oz)
#   scripts/build-site.sh debug     fast, unoptimised
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-release}
if [ "$mode" = release ]; then
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
  wasm=target/wasm32-unknown-unknown/wasm-release/frontend.wasm
else
  cargo build -p frontend --lib --target wasm32-unknown-unknown
  wasm=target/wasm32-unknown-unknown/debug/frontend.wasm
fi
out=target/site
rm -rf "$out.tmp" && mkdir -p "$out.tmp/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$out.tmp/pkg" --out-name chatshare "$wasm"
if [ "$mode" = release ]; then
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out.tmp/pkg/chatshare_bg.wasm" -o "$out.tmp/pkg/chatshare_bg.wasm"
fi
cp style/chatshare.css "$out.tmp/pkg/chatshare.css"
cp -R public/. "$out.tmp/"
rm -rf "$out" && mv "$out.tmp" "$out"
raw=$(stat -c %s "$out/pkg/chatshare_bg.wasm")
gz=$(gzip -9 -c "$out/pkg/chatshare_bg.wasm" | wc -c)
echo "site built in $out ($mode): WASM ${raw} bytes raw, ${gz} bytes gzip"
