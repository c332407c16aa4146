export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH \
       MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow ASR4J_AOT=0
