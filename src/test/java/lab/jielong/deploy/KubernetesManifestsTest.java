package lab.jielong.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s, read as Kubernetes would: the kustomization's resources parsed into fabric8's model classes
 * (Envoy Gateway's own kind, which fabric8 does not model, as a generic resource), then the rules that matter
 * checked: probes on the Actuator health groups at the container's port, requests and limits, labels that match
 * the selectors, the autoscaler pointing at the Deployment, the Vector API flag and a container-aware heap, the
 * app wired to the Redis room store, and the route sticky.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of("deploy", "k8s");
    static List<HasMetadata> resources;

    @BeforeAll
    static void parse() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) kustomization.get("resources");
        KubernetesSerialization serialization = new KubernetesSerialization();
        resources = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = Files.newInputStream(K8S.resolve(file))) {
                Object parsed = serialization.unmarshal(in);
                if (parsed instanceof List<?> many) {
                    many.forEach(r -> resources.add((HasMetadata) r));
                } else {
                    resources.add((HasMetadata) parsed);
                }
            }
        }
    }

    @Test
    void everyYamlFileIsInTheKustomizationIncludingTheScalingJob() throws IOException {
        Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
        try (var listing = Files.list(K8S)) {
            List<String> yamlFiles = listing.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).sorted().toList();
            assertThat(kustomization.get("resources")).asList().containsExactlyInAnyOrderElementsOf(yamlFiles);
        }
        assertThat(all(Job.class)).extracting(j -> j.getMetadata().getName()).contains("scaling-grid", "scaling-merge");
    }

    @Test
    void theWebDeploymentProbesTheHealthGroupsOnItsOwnPort() {
        Deployment app = one(Deployment.class, "jielong-lab");
        assertThat(app.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        Container web = onlyContainer(app.getSpec().getTemplate().getSpec());
        assertThat(web.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
        assertProbe(web.getReadinessProbe(), "/actuator/health/readiness", web);
        assertProbe(web.getLivenessProbe(), "/actuator/health/liveness", web);
        assertProbe(web.getStartupProbe(), "/actuator/health/liveness", web);
    }

    @Test
    void everyContainerHasRequestsAndLimitsAndTheLimitsAreAtLeastTheRequests() {
        List<Container> containers = new ArrayList<>();
        all(Deployment.class).forEach(d -> containers.addAll(d.getSpec().getTemplate().getSpec().getContainers()));
        all(Job.class).forEach(j -> containers.addAll(j.getSpec().getTemplate().getSpec().getContainers()));
        assertThat(containers).hasSizeGreaterThanOrEqualTo(4);
        for (Container c : containers) {
            if (c.getName().equals("merge")) {
                continue;                                  // a short file copy; it takes what the node gives
            }
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as(c.getName() + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(c.getName() + " limits").containsKeys("cpu", "memory");
            for (String kind : List.of("cpu", "memory")) {
                assertThat(Quantity.getAmountInBytes(limits.get(kind)))
                        .as(c.getName() + " " + kind + " limit >= request")
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get(kind)));
            }
        }
    }

    @Test
    void theJvmLoadsTheVectorApiAndSizesItsHeapFromTheContainer() {
        Container web = onlyContainer(one(Deployment.class, "jielong-lab").getSpec().getTemplate().getSpec());
        List<String> command = new ArrayList<>(Optional.ofNullable(web.getCommand()).orElse(List.of()));
        command.addAll(Optional.ofNullable(web.getArgs()).orElse(List.of()));
        String line = String.join(" ", command);
        assertThat(line).contains("--add-modules jdk.incubator.vector").containsPattern("-XX:MaxRAMPercentage=\\d+")
                .doesNotContain("-Xmx");
        // the heap share leaves room for the JVM's own memory within the limit
        int percent = Integer.parseInt(line.replaceAll(".*-XX:MaxRAMPercentage=(\\d+).*", "$1"));
        assertThat(percent).isBetween(50, 80);
    }

    @Test
    void theAppUsesTheRedisRoomStoreAndTheRedisServiceExists() {
        Container web = onlyContainer(one(Deployment.class, "jielong-lab").getSpec().getTemplate().getSpec());
        Map<String, String> env = new java.util.HashMap<>();
        web.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        assertThat(env).containsEntry("JIELONG_CLASSROOM_STORE", "redis");
        Service redis = one(Service.class, env.get("SPRING_DATA_REDIS_HOST"));
        assertThat(redis.getSpec().getPorts()).anySatisfy(
                p -> assertThat(p.getPort()).isEqualTo(Integer.parseInt(env.get("SPRING_DATA_REDIS_PORT"))));
        Deployment redisDeployment = one(Deployment.class, "jielong-redis");
        assertThat(redisDeployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(redis.getSpec().getSelector());
    }

    @Test
    void labelsMatchSelectors() {
        for (Deployment d : all(Deployment.class)) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as(d.getMetadata().getName())
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        }
        for (Service s : all(Service.class)) {
            // each Service selects the pods of exactly one Deployment
            List<String> selected = all(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(s.getSpec().getSelector().entrySet()))
                    .map(d -> d.getMetadata().getName()).toList();
            assertThat(selected).as("pods selected by service " + s.getMetadata().getName()).hasSize(1);
            // and its target port is a port of those pods
            Deployment d = one(Deployment.class, selected.get(0));
            Container c = onlyContainer(d.getSpec().getTemplate().getSpec());
            s.getSpec().getPorts().forEach(p -> assertThat(c.getPorts()).anyMatch(cp -> matches(p.getTargetPort(),
                    cp.getName(), cp.getContainerPort())));
        }
        PodDisruptionBudget pdb = one(PodDisruptionBudget.class, "jielong-lab");
        assertThat(one(Deployment.class, "jielong-lab").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theAutoscalerScalesTheWebDeploymentOnCpuWithinBounds() {
        HorizontalPodAutoscaler hpa = one(HorizontalPodAutoscaler.class, "jielong-lab");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
        Deployment target = one(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2)
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
        // a utilisation target needs a CPU request to be a share of
        assertThat(onlyContainer(target.getSpec().getTemplate().getSpec()).getResources().getRequests())
                .containsKey("cpu");
    }

    @Test
    void theRouteIsStickyAndLeadsToTheWebService() {
        HTTPRoute route = one(HTTPRoute.class, "jielong-lab");
        assertThat(route.getSpec().getParentRefs()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(
                one(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class, "jielong-lab").getMetadata()
                        .getName()));
        HTTPRouteRule rule = route.getSpec().getRules().get(0);
        assertThat(rule.getSessionPersistence().getType()).isEqualTo("Cookie");
        assertThat(rule.getSessionPersistence().getSessionName()).isNotBlank();
        assertThat(rule.getMatches().get(0).getPath().getValue()).isEqualTo("/");
        Service web = one(Service.class, rule.getBackendRefs().get(0).getName());
        assertThat(web.getSpec().getPorts()).anySatisfy(p -> assertThat(p.getPort())
                .isEqualTo(rule.getBackendRefs().get(0).getPort()));
        assertThat(one(Deployment.class, "jielong-lab").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(web.getSpec().getSelector());

        GenericKubernetesResource policy = resources.stream().filter(r -> r instanceof GenericKubernetesResource)
                .map(r -> (GenericKubernetesResource) r).filter(r -> r.getKind().equals("BackendTrafficPolicy"))
                .findFirst().orElseThrow();
        assertThat(policy.getApiVersion()).isEqualTo("gateway.envoyproxy.io/v1alpha1");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) policy.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> targets = (List<Map<String, Object>>) spec.get("targetRefs");
        assertThat(targets).anySatisfy(t -> {
            assertThat(t.get("kind")).isEqualTo("HTTPRoute");
            assertThat(t.get("name")).isEqualTo(route.getMetadata().getName());
        });
    }

    @Test
    void podsRunAsTheImagesNonRootUser() {
        PodSpec web = one(Deployment.class, "jielong-lab").getSpec().getTemplate().getSpec();
        assertThat(web.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(web.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    }

    // ---------------------------------------------------------------------------------------------

    private static void assertProbe(Probe probe, String path, Container container) {
        assertThat(probe).as(path).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get.getPath()).isEqualTo(path);
        assertThat(container.getPorts()).as("probe port " + get.getPort() + " is a port of the container")
                .anyMatch(p -> matches(get.getPort(), p.getName(), p.getContainerPort()));
    }

    private static boolean matches(IntOrString port, String name, Integer number) {
        return port.getStrVal() != null ? port.getStrVal().equals(name) : Objects.equals(port.getIntVal(), number);
    }

    private static Container onlyContainer(PodSpec spec) {
        assertThat(spec.getContainers()).hasSize(1);
        return spec.getContainers().get(0);
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).toList();
        assertThat(found).as(type.getSimpleName() + " " + name).hasSize(1);
        return found.get(0);
    }
}
