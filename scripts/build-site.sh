#!/usr/bin/env bash
# Builds the WASM client and assembles the site the server serves, in target/site:
#   target/site/pkg/chatshare.js, chatshare_bg.wasm   the main module: runtime, router, app shell
#   target/site/pkg/*.wasm, __wasm_split.*.js          the lazily loaded chunks (one per page kind,
#                                                      plus code pages share) and their loader
#   target/site/pkg/__wasm_split_manifest.json         which chunks each page needs (the server
#                                                      preloads them)
#   target/site/pkg/chatshare.css, the files of public/
# Every file in pkg/ also gets a brotli (.br) and a gzip (.gz) copy, served as they are.
#   scripts/build-site.sh release   size-optimised (profile wasm-release, wasm-opt -Oz, terser)
#   scripts/build-site.sh debug     fast, unoptimised
# The site always goes to target/site; the compiler's output goes where CARGO_TARGET_DIR says
# (make test builds the site in its own directory while the tests run).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-release}
# .cargo/config.toml gives the WASM build its flags (relocations for tools/wasm-split, and
# Leptos's erase_components, which the server shares).
if [ "$mode" = release ]; then
  # Size flags on top of .cargo/config.toml's (which they must repeat, as the variable replaces
  # them): Debug impls format nothing and panics carry no source paths (3 % off every module),
  # and the standard library is built with the client, with panics that stop at once instead of
  # formatting a message nobody reads (immediate-abort: the panic machinery and the formatting
  # it pulls in leave every module). They are unstable, so RUSTC_BOOTSTRAP lets this stable
  # compiler take them, for this one build of the client and nothing else (clippy and the
  # server never see them). If a compiler drops them, delete them here.
  RUSTC_BOOTSTRAP=1 \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -C link-args=--emit-relocs -Zfmt-debug=none -Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort" \
  cargo build -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release \
    -Zbuild-std=std,panic_abort
  wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm-release/frontend.wasm
else
  cargo build -p frontend --lib --target wasm32-unknown-unknown
  wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/debug/frontend.wasm
fi
out=target/site
rm -rf "$out.tmp" && mkdir -p "$out.tmp/pkg"
main=target/wasm-split/frontend_split.wasm
mkdir -p target/wasm-split
cargo run -q --release -p wasm-split -- "$wasm" "$out.tmp/pkg" "$main" chatshare > target/wasm-split/chunks.txt
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$out.tmp/pkg" --out-name chatshare "$main"
if [ "$mode" = release ]; then
  for file in "$out.tmp/pkg/chatshare_bg.wasm" $(cat target/wasm-split/chunks.txt); do
    node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$file" -o "$file" 2>&1 | { grep -v 'unknown name subsection' || true; }
  done
  for file in "$out.tmp"/pkg/*.js; do
    node_modules/.bin/terser "$file" --module --compress --mangle --output "$file"
  done
fi
# The stylesheets without their comments and indentation (about 15% fewer bytes after brotli).
for sheet in chatshare app; do
  perl -0pe 's{/\*.*?\*/}{}gs; s/\n\s*/\n/g; s/\n+/\n/g' "style/$sheet.css" > "$out.tmp/pkg/$sheet.css"
done
for file in "$out.tmp"/pkg/*; do
  brotli -f -q 11 -k "$file"
  gzip -9 -k -f "$file"
done
cp -R public/. "$out.tmp/"
rm -rf "$out" && mv "$out.tmp" "$out"
echo "site built in $out ($mode):"
for file in "$out"/pkg/*.wasm "$out"/pkg/*.js "$out"/pkg/*.css; do
  printf '  %-45s %9d raw %8d brotli\n' "${file#"$out"/pkg/}" "$(stat -c %s "$file")" "$(stat -c %s "$file.br")"
done
