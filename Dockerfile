# Jielong Lab: multi-stage build. Stage 1 compiles the production jar (-Pproduction: frontend compiled in, Vaadin's
# dev tools left out) with the Maven wrapper on a JDK 17; stage 2 runs it on a JRE 17 as a non-root user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY frontend frontend
COPY src src
RUN ./mvnw -B -ntp -Pproduction -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 10001 --user-group jielong
COPY --from=build /src/target/jielong-lab-*.jar /app/jielong-lab.jar
USER 10001:10001
EXPOSE 8080
# Ready = the corpus and both models are loaded (Actuator's readiness group); start-up takes a while.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
    CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/readiness || exit 1
# The engine's kernels use the Vector API (an incubator module in Java 17). The heap is a share of the memory the
# container is given (-m / a Kubernetes limit) rather than a fixed -Xmx; the rest is for the JVM's own memory
# (metaspace, code cache, threads, direct buffers). Arguments after the image name go to the app
# (docker run … jielong-lab --server.port=9090, or a command such as `scaling run …`).
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/jielong-lab.jar"]
