# Jielong Lab: multi-stage build. Stage 1 compiles the production jar (frontend bundled) with the Maven
# wrapper on a JDK 17; stage 2 runs it on a JRE 17 as a non-root user.
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
    && useradd --system --create-home --uid 10001 jielong
COPY --from=build /src/target/jielong-lab-*.jar /app/jielong-lab.jar
USER jielong
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD curl -fsS -o /dev/null http://localhost:8080/ || exit 1
# The engine's kernels use the Vector API (an incubator module in Java 17).
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-jar", "/app/jielong-lab.jar"]
