#!/usr/bin/env bash
# Builds the benchmarks module (profile "benchmarks") and runs every benchmark. The summary
# table is printed and written to benchmarks/target/results.md; scenario logs go to
# benchmarks/target/bench-logs/.
#   benchmarks/run.sh                          # everything, about 10 minutes on 2 cores
#   benchmarks/run.sh -Dbench.events.rounds=9  # -Dbench.* options are passed to every scenario
#   JAVA=/path/to/jdk/bin/java benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbenchmarks -pl benchmarks,sample-app -am package -DskipTests
exec "${JAVA:-java}" -Xmx512m "$@" -cp benchmarks/target/benchmarks.jar io.github.arispring.benchmarks.RunAll
