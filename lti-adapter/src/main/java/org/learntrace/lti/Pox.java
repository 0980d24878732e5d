package org.learntrace.lti;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** LTI 1.1 Basic Outcomes POX envelopes: parsing (no DTDs, no external entities) and writing. */
final class Pox {
  static final String NS = "http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0";

  private Pox() {}

  /** A parsed request: operation ({@code replaceResult}, ...), message id, sourcedId and score text. */
  record Request(String operation, String messageId, String sourcedId, String score) {}

  static Request parse(byte[] body) {
    Document d;
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      d = b.parse(new ByteArrayInputStream(body));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new LtiException("pox_invalid", "the body is not a well-formed POX document without DTD");
    }
    Element body0 = first(d.getDocumentElement(), "imsx_POXBody");
    Element op = null;
    if (body0 != null) {
      for (Node n = body0.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          op = e;
          break;
        }
      }
    }
    if (op == null || !op.getLocalName().endsWith("Request")) {
      throw new LtiException("pox_invalid", "imsx_POXBody has no operation element");
    }
    String operation = op.getLocalName().substring(0, op.getLocalName().length() - "Request".length());
    return new Request(operation, text(first(d.getDocumentElement(), "imsx_messageIdentifier")),
        text(first(op, "sourcedId")), text(first(first(op, "resultScore"), "textString")));
  }

  static String response(String codeMajor, String description, String messageRefId, String operation, String bodyXml) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<imsx_POXEnvelopeResponse xmlns=\"" + NS + "\"><imsx_POXHeader><imsx_POXResponseHeaderInfo>"
        + "<imsx_version>V1.0</imsx_version><imsx_messageIdentifier>" + Tokens.random() + "</imsx_messageIdentifier>"
        + "<imsx_statusInfo><imsx_codeMajor>" + codeMajor + "</imsx_codeMajor><imsx_severity>status</imsx_severity>"
        + "<imsx_description>" + Html.escape(description) + "</imsx_description>"
        + "<imsx_messageRefIdentifier>" + Html.escape(messageRefId == null ? "" : messageRefId) + "</imsx_messageRefIdentifier>"
        + "<imsx_operationRefIdentifier>" + Html.escape(operation == null ? "" : operation) + "</imsx_operationRefIdentifier>"
        + "</imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader><imsx_POXBody>"
        + (bodyXml == null ? "" : bodyXml) + "</imsx_POXBody></imsx_POXEnvelopeResponse>";
  }

  static String request(String operation, String sourcedId, String score) {
    String result = score == null ? "" : "<result><resultScore><language>en</language><textString>" + score
        + "</textString></resultScore></result>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<imsx_POXEnvelopeRequest xmlns=\"" + NS + "\"><imsx_POXHeader><imsx_POXRequestHeaderInfo>"
        + "<imsx_version>V1.0</imsx_version><imsx_messageIdentifier>" + Tokens.random() + "</imsx_messageIdentifier>"
        + "</imsx_POXRequestHeaderInfo></imsx_POXHeader><imsx_POXBody><" + operation + "Request><resultRecord>"
        + "<sourcedGUID><sourcedId>" + Html.escape(sourcedId) + "</sourcedId></sourcedGUID>" + result
        + "</resultRecord></" + operation + "Request></imsx_POXBody></imsx_POXEnvelopeRequest>";
  }

  /** The codeMajor and (for readResult) score of a response. */
  record Response(String codeMajor, String score) {}

  static Response parseResponse(byte[] body) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      Document d = b.parse(new ByteArrayInputStream(body));
      return new Response(text(first(d.getDocumentElement(), "imsx_codeMajor")),
          text(first(first(d.getDocumentElement(), "resultScore"), "textString")));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new LtiException("pox_invalid", "the outcomes response is not well-formed XML");
    }
  }

  private static Element first(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    NodeList l = parent.getElementsByTagNameNS("*", localName);
    return l.getLength() == 0 ? null : (Element) l.item(0);
  }

  private static String text(Element e) {
    return e == null ? null : e.getTextContent().trim();
  }
}
