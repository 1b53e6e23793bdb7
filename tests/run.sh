#!/bin/sh
# Runs galley's test suite against one or more builds and ends with the line
# "N passed, N failed". usage: sh tests/run.sh BUILD_DIR...
#   unit tests   BUILD/tests/test_*          (plain C, one binary a module)
#   Lua tests    tests/lua/*.lua             (run by BUILD/galley lua)
#   CLI tests    tests/cli/*.t               (stdout, stderr and exit status
#                                             compared with tests/cli/expected/)
# Set TESTS='pattern...' to run only the tests whose name contains one of the
# patterns (names are BUILD:unit:NAME, BUILD:lua:NAME, BUILD:cli:NAME);
# WRAP=command runs unit and Lua tests under it (make valgrind).
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
pass=0
fail=0
failed=""
tmp=$(mktemp -d) || exit 2
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=99"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0"

result() { # name status
    if [ "$2" = 0 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        failed="$failed $1"
        echo "FAIL $1"
    fi
}

wanted() {
    [ -z "$TESTS" ] && return 0
    for pat in $TESTS; do
        case "$1" in *"$pat"*) return 0;; esac
    done
    return 1
}

for build in "$@"; do
    [ -x "$build/galley" ] || { echo "no $build/galley: run make first"; exit 2; }
    galley="$top/$build/galley"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        name="$build:unit:${t##*/}"
        wanted "$name" || continue
        $WRAP "$t" > "$tmp/out" 2>&1
        st=$?
        [ $st = 0 ] || sed 's/^/    /' "$tmp/out" | tail -20
        result "$name" $st
    done
    for t in tests/lua/*.lua; do
        [ -f "$t" ] || continue
        name="$build:lua:${t##*/}"
        wanted "$name" || continue
        $WRAP "$galley" lua "$t" > "$tmp/out" 2>&1
        st=$?
        [ $st = 0 ] || sed 's/^/    /' "$tmp/out" | tail -20
        result "$name" $st
    done
    for t in tests/cli/*.t; do
        [ -f "$t" ] || continue
        base=${t##*/}
        base=${base%.t}
        name="$build:cli:$base"
        wanted "$name" || continue
        exp="tests/cli/expected/$base"
        work="$tmp/$build-cli-$base"
        mkdir -p "$work"
        (cd tests/cli && GALLEY="$galley" TMP="$work" SEEDS="$top/seeds" \
            sh "./$base.t" > "$work/stdout" 2> "$work/stderr"; echo $? > "$work/status")
        st=0
        for part in stdout stderr status; do
            ext=$part; [ $part = stdout ] && ext=out; [ $part = stderr ] && ext=err
            want="$exp.$ext"
            [ -f "$want" ] || want=/dev/null
            [ $part = status ] && [ ! -f "$exp.status" ] && { echo 0 > "$tmp/zero"; want="$tmp/zero"; }
            if ! cmp -s "$want" "$work/$part"; then
                st=1
                echo "  $name: $part differs:"
                diff "$want" "$work/$part" | head -20 | sed 's/^/    /'
            fi
        done
        result "$name" $st
    done
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
