package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
   * could answer NotConnected whenever its mailbox is full or slow.
   */
  static UiHandler connectionStatus(Supplier<ConnectionStage> stage) {
    return request -> UiAnswer.ok(stagePayload(stage.get()));
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
