#!/usr/bin/env bash
# The Spark tests (pytest -m spark) run pyspark local[2], which needs Java 17+: install Debian's
# OpenJDK 17 when `java` is missing and we can (root + apt-get).
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure_java: installing Debian openjdk-17-jre-headless for the Spark tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
else
  echo "ensure_java: java missing and cannot apt-get install it; Spark tests will skip outside CI" >&2
fi
