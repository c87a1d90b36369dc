#!/usr/bin/env bash
# Run Apache Jena RIOT from Debian's libapache-jena-java: `bash scripts/riot.sh --count FILE`.
# Debian's jar folder mixes several SLF4J bindings, and Jena 4.5's relocated
# xerces classes look for message bundles that Debian left under the old
# package path; this builds an explicit classpath and puts the bundles where
# they are looked up (see ../shared/TOOLING-NOTES.md).
set -euo pipefail
java_dir=/usr/share/java
fix_dir="${XDG_CACHE_HOME:-$HOME/.cache}/kg-jena-fix"
if [ ! -d "$fix_dir/xerces" ]; then
  mkdir -p "$fix_dir"
  (cd "$fix_dir" && unzip -q -o "$java_dir/jena-core.jar" 'org/apache/jena/ext/xerces/*.properties' 'org/apache/jena/ext/xerces/**/*.properties' 2>/dev/null || true)
  if [ -d "$fix_dir/org/apache/jena/ext/xerces" ]; then
    mkdir -p "$fix_dir/xerces"
    cp -r "$fix_dir/org/apache/jena/ext/xerces/." "$fix_dir/xerces/"
  fi
fi
classpath="$fix_dir"
for jar in "$java_dir"/jena-*.jar; do
  case "$jar" in *-[0-9]*.jar) continue ;; esac
  classpath="$classpath:$jar"
done
for name in commons-cli commons-codec commons-compress commons-csv commons-io commons-lang3 dexx.collection gson \
            httpclient httpcore jackson-annotations jackson-core jackson-databind jsonld-java protobuf thrift \
            slf4j-api slf4j-simple guava failureaccess caffeine commons-collections4 collection; do
  [ -f "$java_dir/$name.jar" ] && classpath="$classpath:$java_dir/$name.jar"
done
exec java -cp "$classpath" riotcmd.riot "$@"
