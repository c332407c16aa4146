#!/usr/bin/env bash
# Re-records openai-whisper's transcribe() JSON for every conformance case (see README.md).
# usage: tools/openai-reference/record.sh WHISPER_SRC [CASE...]
set -euo pipefail
cd "$(dirname "$0")/../.."
whisper_src=${1:?usage: record.sh WHISPER_SRC [CASE...]}; shift
shared=${ASR4J_SHARED:-../shared}/testdata
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. tools/jdk25.sh && asr4j_select_jdk25
export MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}
# core's test classes and their classpath (the last module of the reactor writes the file)
mvn -B -ntp -q -pl core -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/core.cp"
cp="core/target/test-classes:core/target/classes:$(cat "$work/core.cp")"

"$python" tools/openai-reference/check_tokenizer.py "$whisper_src" "$shared/tokenizers"
java -cp "$cp" io.github.asr4j.conformance.MiniVariants "$shared/models" "$work"
"$python" tools/openai-reference/record.py "$whisper_src" core/src/test/resources/openai-conformance/cases.json \
    "$work" "$shared" core/src/test/resources/openai-conformance "$@"
