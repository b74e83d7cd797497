#!/usr/bin/env bash
# What a new user does, checked end to end and offline (.ci/run runs it after the tests):
#   1. install the SDK with its sources and javadoc jars (./build -Prelease install) into a throwaway local Maven
#      repository, never into ~/.m2;
#   2. in an empty directory, write the README's pom and sampler ("Use it in your project"), build them with Maven
#      and run the sampler;
#   3. run the Kotlin notebook script examples/notebooks/quickstart.main.kts unmodified through the Kotlin script host
#      (kotlin-main-kts, as `kotlin quickstart.main.kts` does), resolving org.cosmoemu:cli by its Maven coordinates.
# Third-party artifacts come from the machine's Maven cache (~/.m2/repository, or $CACHE_REPO) as a file repository
# that mirrors every remote one: nothing is downloaded from the network (Maven's -o would refuse even that file
# repository, so it is not used). Usage: examples/user-project/check.sh [WORK_DIR]  (default target/user-check)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mkdir -p "${1:-$root/target/user-check}" && cd "${1:-$root/target/user-check}" && pwd)"
cache="${CACHE_REPO:-$HOME/.m2/repository}"
export COSMOEMU_DATA_DIR="${COSMOEMU_DATA_DIR:-$root/../shared/data}"
# CHECK_REUSE_INSTALL=1 keeps the previous run's installed repository (step 1 skipped): for iterating on steps 2-3
if [ "${CHECK_REUSE_INSTALL:-0}" != 1 ]; then rm -rf "$work/home"; fi
rm -rf "$work/project"
home="$work/home"           # the user's home: ~/.m2/settings.xml and ~/.m2/repository live here
repo="$home/.m2/repository"
mkdir -p "$repo" "$work/project"
if [ "${CHECK_ONLINE:-0}" = 1 ]; then
  # CHECK_ONLINE=1 (.ci/run on a fresh machine): the cache first, Maven Central for what it lacks
  cat > "$home/.m2/settings.xml" <<EOF
<settings>
  <localRepository>$repo</localRepository>
  <profiles><profile><id>machine-cache</id>
    <repositories><repository><id>machine-cache</id><url>file://$cache</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>machine-cache</id><url>file://$cache</url></pluginRepository></pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>machine-cache</activeProfile></activeProfiles>
</settings>
EOF
else
  cat > "$home/.m2/settings.xml" <<EOF
<settings>
  <localRepository>$repo</localRepository>
  <mirrors>
    <!-- every remote repository is this machine's Maven cache: nothing leaves the machine -->
    <mirror><id>machine-cache</id><mirrorOf>*</mirrorOf><url>file://$cache</url></mirror>
  </mirrors>
</settings>
EOF
fi
mvn_user() { (cd "$1" && shift && JAVA_HOME="$jdk" "$jdk/bin/java" -version >/dev/null 2>&1 && \
  JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" mvn -B -ntp -q -Dstyle.color=never -s "$home/.m2/settings.xml" -Dmaven.repo.local="$repo" \
  -Duser.home="$home" "$@"); }
jdk=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*; do
  [ -n "$d" ] && [ -x "$d/bin/java" ] || continue
  v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ "${v:-0}" -ge 25 ] 2>/dev/null; then jdk="$d"; break; fi
done
[ -n "$jdk" ] || { echo "check: needs JDK 25" >&2; exit 1; }
echo "check: Maven $(mvn -v 2>/dev/null | sed -n '1s/Apache Maven \([^ ]*\).*/\1/p'), JDK $("$jdk/bin/java" -version 2>&1 | head -1)"

# 1. the SDK, installed as a user installs it (sources and javadoc jars too; javadoc warnings fail)
t0=$(date +%s)
[ "${CHECK_REUSE_INSTALL:-0}" = 1 ] || (cd "$root" && ./build -B -q -s "$home/.m2/settings.xml" -Dmaven.repo.local="$repo" -Prelease install -DskipTests \
  -pl '!examples,!benchmarks,!architecture') >&2
echo "check: installed $(find "$repo/org/cosmoemu" -name '*.jar' | wc -l) cosmo-emu jars (with -sources and -javadoc) in $(( $(date +%s) - t0 )) s"
for m in emulator-api emulator-cpu theory models likelihoods inference cli; do
  for c in "" -sources -javadoc; do
    f="$repo/org/cosmoemu/$m/0.1.0-SNAPSHOT/$m-0.1.0-SNAPSHOT$c.jar"
    [ -s "$f" ] || { echo "check: FAILED: $f was not installed" >&2; exit 1; }
  done
done
[ -s "$repo/org/cosmoemu/cosmo-emu-bom/0.1.0-SNAPSHOT/cosmo-emu-bom-0.1.0-SNAPSHOT.pom" ] || { echo "check: FAILED: no BOM" >&2; exit 1; }

# 2. the README's project, from an empty directory
readme_block() { awk -v start="<!-- $1:start -->" -v end="<!-- $1:end -->" '
  $0 == start { on = 1; next } $0 == end { on = 0 } on && !/^```/ { print }' "$root/README.md"; }
mkdir -p "$work/project/src/main/java"
readme_block user-pom > "$work/project/pom.xml"
readme_block user-sampler > "$work/project/src/main/java/Sampler.java"
[ -s "$work/project/pom.xml" ] && [ -s "$work/project/src/main/java/Sampler.java" ] || { echo "check: FAILED: README blocks user-pom / user-sampler not found" >&2; exit 1; }
diff -q "$work/project/src/main/java/Sampler.java" "$root/examples/user-project/Sampler.java" >/dev/null \
  && diff -q <(grep -v '^<!--\|^<?xml' "$work/project/pom.xml") <(grep -v '^<!--\|^<?xml\|^     it (and\|^     from an empty' "$root/examples/user-project/pom.xml") >/dev/null \
  || { echo "check: FAILED: README's pom or sampler differs from examples/user-project/" >&2; exit 1; }
t0=$(date +%s)
MAVEN_OPTS="--add-modules jdk.incubator.vector" mvn_user "$work/project" package exec:java | tee "$work/sampler.out"
grep -q "H0 = [0-9.]* km/s/Mpc" "$work/sampler.out" || { echo "check: FAILED: the sampler printed no H0" >&2; exit 1; }
echo "check: the README's project built and ran offline in $(( $(date +%s) - t0 )) s"

# 3. the Kotlin script, unmodified, through the script host (the Kotlin compiler's -script runner with main-kts)
host="$root/examples/notebooks/script-host"
mvn_user "$host" dependency:build-classpath -Dmdep.outputFile="$work/script-host.classpath" >/dev/null
t0=$(date +%s)
# the script's own classpath, as the `kotlin` command gives a .main.kts file: the main-kts definition and the stdlib
script_cp=$(tr ':' '\n' < "$work/script-host.classpath" \
  | grep -E '/kotlin-(main-kts|stdlib|script-runtime|scripting-common|scripting-jvm)-[0-9.]+\.jar$' | paste -sd: -)
(cd "$work" && "$jdk/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Duser.home="$home" -Dmaven.repo.local="$repo" \
  -cp "$(cat "$work/script-host.classpath")" org.jetbrains.kotlin.cli.jvm.K2JVMCompiler -no-stdlib -no-reflect \
  -cp "$script_cp" -script-templates org.jetbrains.kotlin.mainKts.MainKtsScript \
  -script "$root/examples/notebooks/quickstart.main.kts") 2>&1 | grep -v '^WARNING: Using incubator modules\|eclipse.aether.*DefaultArtifactResolver' | tee "$work/notebook.out"
grep -q "^lnL = " "$work/notebook.out" && grep -q "^wrote " "$work/notebook.out" || { echo "check: FAILED: the Kotlin script did not run to its end" >&2; exit 1; }
echo "check: quickstart.main.kts ran through the script host in $(( $(date +%s) - t0 )) s"
echo "check: passed"
