package org.jmasq.automap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jmasq.wire.DecodeException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML parser for what a router on the LAN sends (its device description, its SOAP answers): no
 * DTD at all, so no entity of any kind, no external fetch, no XInclude, and at most {@link
 * #MAX_DOCUMENT} bytes. Any device on the LAN can answer an SSDP search, so none of it is trusted.
 */
final class SafeXml {
  /** The largest document read; a real router's description is a few KiB. */
  static final int MAX_DOCUMENT = 64 * 1024;

  /** The longest text of one element kept (a URL, an address, a description). */
  static final int MAX_TEXT = 1024;

  private static final ThreadLocal<DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SafeXml::newBuilder);

  private SafeXml() {}

  static Document parse(byte[] bytes, String what) throws DecodeException {
    if (bytes.length > MAX_DOCUMENT) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          what + ": " + bytes.length + " bytes (max " + MAX_DOCUMENT + ")");
    }
    DocumentBuilder builder = BUILDERS.get();
    builder.reset();
    builder.setErrorHandler(QUIET);
    try {
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (SAXException | IOException | RuntimeException e) {
      // The JDK's parser reports some malformed input (a bad encoding name, a surrogate) as a
      // runtime exception; all of it is the sender's fault, and a refusal.
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": not well-formed XML");
    }
  }

  /** The elements under {@code root}, at any depth, whose local name is {@code name}. */
  static List<Element> descendants(Element root, String name) {
    NodeList all = root.getElementsByTagNameNS("*", name);
    List<Element> out = new ArrayList<>(all.getLength());
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  /** The element children of {@code parent}. */
  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        out.add(element);
      }
    }
    return out;
  }

  /** The local name of {@code element}, or its whole name if it has no namespace. */
  static String localName(Element element) {
    String local = element.getLocalName();
    return local != null ? local : element.getTagName();
  }

  /** The trimmed text of the first child of {@code parent} named {@code name}, if any. */
  static String childText(Element parent, String name, String what) throws DecodeException {
    for (Element child : children(parent)) {
      if (localName(child).equals(name)) {
        return text(child, what);
      }
    }
    return null;
  }

  static String text(Element element, String what) throws DecodeException {
    String text = element.getTextContent().strip();
    if (text.length() > MAX_TEXT) {
      throw new DecodeException(
          DecodeException.Kind.TOO_LONG,
          what + ": " + text.length() + " characters (max " + MAX_TEXT + ")");
    }
    return text;
  }

  /** {@code text} with XML's special characters escaped, for an element's content. */
  static String escape(String text) {
    // A carriage return is written as a reference: a raw one would be read back as a line feed.
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;");
  }

  private static DocumentBuilder newBuilder() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be made safe", e);
    }
  }

  /** Errors become the parse's exception; nothing is printed to the console. */
  private static final ErrorHandler QUIET =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
