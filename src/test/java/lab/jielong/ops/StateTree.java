package lab.jielong.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client's copy of a Vaadin UI's state tree, as Flow's client keeps it: nodes with numbered features, each a
 * map (properties, attributes, text …) or a list (children …), changed by the {@code changes} of each message the
 * server sends. Only what a test or the load program reads is interpreted: tags, {@code id} attributes, text and
 * children.
 *
 * <p>Feature numbers are Flow's ({@code NodeFeatures}): 0 element data (tag), 1 properties, 2 children,
 * 3 attributes, 4 listeners, 7 text of a text node.
 */
final class StateTree {

    static final int ELEMENT_DATA = 0;
    static final int PROPERTIES = 1;
    static final int CHILDREN = 2;
    static final int ATTRIBUTES = 3;
    static final int LISTENERS = 4;
    static final int TEXT = 7;

    /** One node: its map features and list features by number. */
    static final class Node {
        final int id;
        final Map<Integer, Map<String, Object>> maps = new HashMap<>();
        final Map<Integer, List<Object>> lists = new HashMap<>();

        Node(int id) {
            this.id = id;
        }

        Map<String, Object> map(int feature) {
            return maps.computeIfAbsent(feature, f -> new LinkedHashMap<>());
        }

        List<Object> list(int feature) {
            return lists.computeIfAbsent(feature, f -> new ArrayList<>());
        }

        Optional<String> attribute(String name) {
            Object v = maps.getOrDefault(ATTRIBUTES, Map.of()).get(name);
            return Optional.ofNullable(v).map(StateTree::plain);
        }

        Object property(String name) {
            return maps.getOrDefault(PROPERTIES, Map.of()).get(name);
        }

        boolean listens(String event) {
            return maps.getOrDefault(LISTENERS, Map.of()).containsKey(event);
        }
    }

    /** A reference to another node inside a map (Flow's {@code nodeValue}). */
    record NodeRef(int id) {
    }

    private final Map<Integer, Node> nodes = new HashMap<>();

    void apply(JsonNode changes) {
        for (JsonNode c : changes) {
            int id = c.path("node").asInt();
            String type = c.path("type").asText();
            switch (type) {
                case "attach" -> nodes.computeIfAbsent(id, Node::new);
                case "detach" -> nodes.remove(id);
                case "put" -> {
                    Node n = nodes.computeIfAbsent(id, Node::new);
                    Object value = c.has("nodeValue") ? new NodeRef(c.get("nodeValue").asInt()) : c.get("value");
                    n.map(c.path("feat").asInt()).put(c.path("key").asText(), value);
                }
                case "remove" -> {
                    Node n = nodes.get(id);
                    if (n != null) {
                        n.map(c.path("feat").asInt()).remove(c.path("key").asText());
                    }
                }
                case "splice" -> {
                    Node n = nodes.computeIfAbsent(id, Node::new);
                    List<Object> list = n.list(c.path("feat").asInt());
                    int index = c.path("index").asInt();
                    int remove = c.path("remove").asInt(0);
                    for (int i = 0; i < remove && index < list.size(); i++) {
                        list.remove(index);
                    }
                    List<Object> added = new ArrayList<>();
                    if (c.has("addNodes")) {
                        c.get("addNodes").forEach(a -> added.add(new NodeRef(a.asInt())));
                    } else if (c.has("add")) {
                        c.get("add").forEach(added::add);
                    }
                    list.addAll(Math.min(index, list.size()), added);
                }
                case "clear" -> {
                    Node n = nodes.get(id);
                    if (n != null) {
                        int feat = c.path("feat").asInt();
                        if (n.lists.containsKey(feat)) {
                            n.lists.get(feat).clear();
                        }
                        if (n.maps.containsKey(feat)) {
                            n.maps.get(feat).clear();
                        }
                    }
                }
                default -> {
                    // "empty" and future change types carry nothing the driver reads
                }
            }
        }
    }

    Optional<Node> byId(String elementId) {
        return nodes.values().stream().filter(n -> n.attribute("id").filter(elementId::equals).isPresent()).findFirst();
    }

    Optional<Node> node(int id) {
        return Optional.ofNullable(nodes.get(id));
    }

    List<Node> byTag(String tag) {
        return nodes.values().stream()
                .filter(n -> tag.equals(plain(n.maps.getOrDefault(ELEMENT_DATA, Map.of()).get("tag"))))
                .toList();
    }

    /** The text of a node and its descendants, as the browser's textContent would read. */
    String text(Node node) {
        StringBuilder out = new StringBuilder();
        appendText(node, out, 0);
        return out.toString();
    }

    private void appendText(Node node, StringBuilder out, int depth) {
        if (depth > 200) {
            return;
        }
        Object text = node.maps.getOrDefault(TEXT, Map.of()).get("text");
        if (text != null) {
            out.append(plain(text));
        }
        for (Object child : node.lists.getOrDefault(CHILDREN, List.of())) {
            if (child instanceof NodeRef ref && nodes.containsKey(ref.id())) {
                appendText(nodes.get(ref.id()), out, depth + 1);
            }
        }
    }

    /** The children of a node that are nodes, in order. */
    List<Node> children(Node node) {
        List<Node> out = new ArrayList<>();
        for (Object child : node.lists.getOrDefault(CHILDREN, List.of())) {
            if (child instanceof NodeRef ref && nodes.containsKey(ref.id())) {
                out.add(nodes.get(ref.id()));
            }
        }
        return out;
    }

    int size() {
        return nodes.size();
    }

    static String plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode json) {
            return json.isTextual() ? json.asText() : json.toString();
        }
        return value.toString();
    }
}
