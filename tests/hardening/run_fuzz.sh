#!/bin/sh
# Runs one libFuzzer target for a bounded time over a fresh seed corpus (make_seeds.py);
# fails when libFuzzer reports a crash, leak, UB, timeout (hang) or out-of-memory, and
# keeps the reproducer in WORK_DIR/crashes-TARGET/ (turn it into a regression test:
# copy it to tests/hardening/seeds/TARGET/ and add a tests/unit/*_regression_test.cpp).
# usage: run_fuzz.sh SOURCE_DIR BUILD_DIR TARGET SECONDS WORK_DIR
set -u
src=$1 build=$2 target=$3 secs=$4 work=$5
bin="$build/generator/fuzz/fuzz_$target"
[ -x "$bin" ] || { echo "$bin not built" >&2; exit 1; }
corpus="$work/corpus-$target"
crashes="$work/crashes-$target"
rm -rf "$corpus" "$crashes"
mkdir -p "$corpus" "$crashes"
/usr/bin/python3 "$src/tests/hardening/make_seeds.py" "$src" "$target" "$corpus" || exit 1
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
cd "$work" || exit 1
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$crashes/" "$corpus" 2>"$work/fuzz-$target.log"
rc=$?
tail -n 25 "$work/fuzz-$target.log"
if [ $rc -ne 0 ] || [ -n "$(ls -A "$crashes")" ]; then
  echo "fuzz_$target found a problem (exit $rc); reproducers:" >&2
  ls -l "$crashes" >&2
  grep -m1 -A40 "ERROR\|runtime error\|invariant violated\|deadly signal\|timeout" "$work/fuzz-$target.log" >&2
  exit 1
fi
echo "fuzz_$target: clean after ${secs}s"
