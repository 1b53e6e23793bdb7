# timing.sh: shell functions shared by the benchmark scripts (sourced).
# 'dir' must name the folder for scratch files, 'count' and 'bytes' the
# corpus's articles and bytes (for rate).

# CPU seconds (user + system) of a command when /usr/bin/time is there, so
# that other work on the machine does not count; wall seconds otherwise.
timed() { # command... (its output is thrown away)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%U %S" -o "$dir/bench_time" "$@" > /dev/null || return 1
        awk '{ printf "%.3f", $1 + $2 }' "$dir/bench_time"
    else
        t0=$(date +%s.%N)
        "$@" > /dev/null || return 1
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
    fi
}

# One result line: name, articles, seconds, articles/s, MB/s.
rate() { # name seconds
    awk -v name="$1" -v s="$2" -v n="$count" -v b="$bytes" 'BEGIN {
        printf "%-10s %8d articles %7.3f s %9.0f articles/s %7.1f MB/s\n", name, n, s, n / s, b / s / 1e6 }'
}
