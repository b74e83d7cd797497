#!/usr/bin/env bash
# GPU check of the ND4J backend: builds emulator-nd4j against ND4J's CUDA backend (-Dcuda, i.e. the `cuda`
# Maven profile), runs the ND4J equality/backend tests on the GPU (they must report backend nd4j-cuda), measures
# throughput (batch 1, 1e3, 1e5; float32 and float64) and prints one summary table.
#
# Usage (from anywhere):  emulator-nd4j/gpu-check.sh          (emulator-nd4j/gpu-check.sh --cpu: the same steps on
#                                                             ND4J's CPU backend, to try this script without a GPU)
# Environment:
#   MAVEN_REPO_LOCAL  a Maven repository that already holds the CUDA artifacts (for machines without Internet)
#   BATCHES           throughput batch sizes (default 1,1000,100000)
#   OUT               where logs go (default emulator-nd4j/target/gpu-check)
# Needs: an NVIDIA driver (nvidia-smi), JDK 25 (../build finds /usr/lib/jvm/temurin-25*), Maven >= 3.8 on PATH,
# and either Maven Central or MAVEN_REPO_LOCAL. First run downloads about 2.4 GB (nd4j-cuda-11.6 natives 601 MB,
# CUDA 11.6 + cuDNN 8.3 redist 1.83 GB) and JavaCPP unpacks the libraries it loads into ~/.javacpp/cache.
# Exit status: 0 when the build, the tests on the GPU and the throughput run all succeed.
#
# Known before running (see src/test/scripts/fatbin_archs.py): ND4J 1.0.0-M2.1's libnd4jcuda.so carries machine
# code for sm_37..sm_86 and no PTX, so on compute capability 9.x (H100/H200) its kernels cannot run; cuBLAS 11
# has compute_80 PTX. Expect failures on Hopper; this script records what actually happens.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log=${OUT:-$root/emulator-nd4j/target/gpu-check}
mkdir -p "$log"
batches=${BATCHES:-1,1000,100000}
mvn_args=(-B -ntp -Dcuda)
expected=nd4j-cuda
cpu_only=false
if [ "${1:-}" = --cpu ]; then
  cpu_only=true; mvn_args=(-B -ntp); expected=nd4j-cpu; batches=${BATCHES:-1,1000}
fi
[ -n "${MAVEN_REPO_LOCAL:-}" ] && mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
repo=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
declare -a summary=()
status=0
step() { summary+=("$(printf '| %-28s | %-6s | %s |' "$1" "$2" "$3")"); [ "$2" = PASS ] || status=1; }
started=$(date +%s)
# The JDK 25 that ./build uses: $JAVA_HOME if it is one, else the first in /usr/lib/jvm.
find_jdk25() {
  local d
  for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25* /usr/lib/jvm/*; do
    if [ -n "$d" ] && [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      echo "$d"; return
    fi
  done
}

echo "== ND4J CUDA check, $(date -u '+%Y-%m-%d %H:%M UTC'), logs in $log"
# 1. The GPU
if $cpu_only; then
  step "GPU" PASS "none: --cpu run on ND4J's CPU backend"
elif command -v nvidia-smi >/dev/null 2>&1; then
  gpu=$(nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader 2>&1 | head -1)
  echo "GPU: $gpu"
  cc=$(echo "$gpu" | awk -F', ' '{print $2}')
  step "GPU (name, cc, driver, mem)" PASS "$gpu"
  if [ "${cc%%.*}" -ge 9 ] 2>/dev/null; then
    echo "WARNING: compute capability $cc: ND4J 1.0.0-M2.1's CUDA kernels exist for sm_37..sm_86 only, without PTX;"
    echo "         expect 'no kernel image is available for execution on the device'."
  fi
else
  step "GPU" FAIL "nvidia-smi not found: no NVIDIA driver"
fi

# 2. Tools and artifacts
if ! command -v mvn >/dev/null 2>&1; then
  step "Maven" FAIL "mvn not on PATH (Maven >= 3.8 needed)"
fi
if ! $cpu_only && [ ! -f "$repo/org/bytedeco/cuda/11.6-8.3-1.5.7/cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar" ]; then
  if curl -sfI --max-time 10 https://repo.maven.apache.org/maven2/ >/dev/null 2>&1; then
    echo "CUDA artifacts not in $repo: Maven will download about 2.4 GB"
  else
    step "CUDA artifacts" FAIL "not in $repo and Maven Central unreachable: set MAVEN_REPO_LOCAL"
  fi
fi

if [ $status -eq 0 ]; then
  # 3. Build and the equality/backend tests on the GPU
  t0=$(date +%s)
  timeout 420 ./build "${mvn_args[@]}" -pl emulator-nd4j -am test -Dtest='Nd4j*' -Dsurefire.failIfNoSpecifiedTests=false \
      -Dcosmoemu.nd4j.expectedBackend=$expected > "$log/test.log" 2>&1
  rc=$?
  cp emulator-nd4j/target/surefire-reports/*.txt "$log/" 2>/dev/null
  counts=$(grep -h '^Tests run:' emulator-nd4j/target/surefire-reports/*.txt 2>/dev/null \
      | awk -F'[:,] *' '{r+=$2; f+=$4; e+=$6; s+=$8} END {printf "%d run, %d failed, %d errors, %d skipped", r, f, e, s}')
  [ $rc -eq 0 ] && step "build + tests ($expected)" PASS "$counts, $(( $(date +%s) - t0 )) s" \
                || step "build + tests ($expected)" FAIL "exit $rc, ${counts:-no test reports}; see $log/test.log"
  grep -h -m3 -E 'no kernel image|CUDA error|cudaError|UnsatisfiedLinkError|ExceptionInInitializer' "$log/test.log" \
      emulator-nd4j/target/surefire-reports/*.txt 2>/dev/null | head -3 | sed 's/^/    /'

  # 4. Throughput (classpath with slf4j-simple so that ND4J's INFO lines show the device it found)
  t0=$(date +%s)
  if timeout 120 ./build -q "${mvn_args[@]}" -pl emulator-nd4j -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test > "$log/classpath.log" 2>&1; then
    jdk=$(find_jdk25)
    timeout 300 "$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
        --sun-misc-unsafe-memory-access=allow -Xmx24g \
        -cp "emulator-nd4j/target/classes:emulator-nd4j/target/test-classes:emulator-cpu/target/test-classes:$(cat emulator-nd4j/target/cp.txt)" org.cosmoemu.nd4j.Nd4jThroughput \
        --batches "$batches" --seconds 2 > "$log/throughput.log" 2>&1
    rc=$?
    [ $rc -eq 0 ] && step "throughput" PASS "$(( $(date +%s) - t0 )) s" \
                  || step "throughput" FAIL "exit $rc; see $log/throughput.log"
  else
    step "throughput" FAIL "classpath build failed; see $log/classpath.log"
  fi
fi

echo
echo "| step                         | result | details |"
echo "|------------------------------|--------|---------|"
printf '%s\n' "${summary[@]}"
if [ -f "$log/throughput.log" ]; then
  echo
  grep -E '^ND4J throughput|^\|' "$log/throughput.log"
  grep -m3 -iE 'device|cuda|compute' "$log/throughput.log" | grep -v '^|' | sed 's/^/    /'
fi
echo
echo "total $(( $(date +%s) - started )) s; exit $status"
exit $status
