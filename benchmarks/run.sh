#!/usr/bin/env bash
# Builds the self-contained benchmark jar and runs the whole suite against the local PostgreSQL
# (127.0.0.1:5432, user postgres; the suite creates the database r2orm_bench). Writes
# benchmarks/results/results-<time>.md (and .json) and prints the table.
#   benchmarks/run.sh                      the full suite (about 11 minutes on two cores)
#   benchmarks/run.sh --quick --no-heap    one short iteration per line: checks that everything runs
#   benchmarks/run.sh --include 'Stream'   a subset (a regular expression over benchmark names)
# JAVA_OPTS passes options to the suite's JVM, e.g. JAVA_OPTS=-Djmh.ignoreLock=true or
# -Dr2orm.bench.host=... (every -Dr2orm.bench.* property reaches the forked JVMs too).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -jar benchmarks/target/r2orm-benchmarks.jar --commit "$commit" --out-dir benchmarks/results "$@"
