package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Supplier;
import org.jmasq.neighborhood.ConnectionStage;

/** {@code descriptor}, {@code connectionStatus} and {@code neighborhoodGraph}: what the Node is. */
final class StatusHandlers {
  private StatusHandlers() {}

  /** {@code {}} → {@code {nodeDescriptorOpt}}: null where the Node has no public address. */
  static UiHandler descriptor(UiNode.Status status) {
    return request -> {
      ObjectNode out = UiAnswer.object();
      status
          .descriptor()
          .filter(d -> d.nodeAddr().isPresent())
          .ifPresentOrElse(
              d -> out.put("nodeDescriptorOpt", d.toString()),
              () -> out.putNull("nodeDescriptorOpt"));
      return UiAnswer.ok(out);
    };
  }

  /**
   * {@code {}} → {@code {stage}}: the last stage the Node reported. Asking the Neighborhood instead
   * could answer NotConnected whenever its mailbox is full or slow. JMasq adds {@code refusal}, one
   * sentence a UI can show, while the network refuses to take this Node (another Node holds its
   * public IP); a UI that knows only {@code stage} ignores it.
   */
  static UiHandler connectionStatus(
      Supplier<ConnectionStage> stage, Supplier<Optional<String>> refusal) {
    return request -> {
      ObjectNode out = stagePayload(stage.get());
      refusal.get().ifPresent(why -> out.put("refusal", why));
      return UiAnswer.ok(out);
    };
  }

  /** {@code {}} → {@code {graph}}, Graphviz DOT. */
  static UiHandler neighborhoodGraph(UiNode.Status status) {
    return request -> {
      ObjectNode out = UiAnswer.object();
      out.put("graph", status.neighborhoodGraph());
      return UiAnswer.ok(out);
    };
  }

  /** The payload of {@code connectionStatus} and of the {@code connectionChange} broadcast. */
  static ObjectNode stagePayload(ConnectionStage stage) {
    ObjectNode out = UiAnswer.object();
    out.put("stage", stage.uiName());
    return out;
  }
}
