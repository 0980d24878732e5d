package org.learntrace.research.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.learntrace.research.data.Column;
import org.learntrace.research.data.StudySchema;
import org.learntrace.research.data.TableSchema;

/**
 * Writes a Frictionless Data Package descriptor ({@code datapackage.json}: one tabular resource
 * per CSV with field types, constraints, missing values, primary and foreign keys) and a Markdown
 * codebook for the same tables.
 */
public final class DataPackage {
  private DataPackage() {}

  /** Writes {@code datapackage.json} for {@code tables}, each at {@code <folder>/<name>.csv}. */
  public static void write(Path file, String name, String title, List<TableSchema> tables, String folder) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("profile", "tabular-data-package");
    root.put("name", name);
    root.put("title", title);
    ArrayNode resources = root.putArray("resources");
    for (TableSchema t : tables) {
      ObjectNode r = resources.addObject();
      r.put("name", t.name().replace('_', '-'));
      r.put("path", (folder.isEmpty() ? "" : folder + "/") + t.fileName());
      r.put("profile", "tabular-data-resource");
      r.put("format", "csv");
      r.put("mediatype", "text/csv");
      r.put("encoding", "utf-8");
      r.put("description", t.description());
      ObjectNode schema = r.putObject("schema");
      ArrayNode fields = schema.putArray("fields");
      for (Column c : t.columns()) {
        ObjectNode f = fields.addObject();
        f.put("name", c.name());
        f.put("type", c.type());
        f.put("description", c.description());
        ObjectNode cons = m.createObjectNode();
        if (c.required()) {
          cons.put("required", true);
        }
        if (!c.allowed().isEmpty()) {
          ArrayNode e = cons.putArray("enum");
          c.allowed().forEach(e::add);
        }
        if (!Double.isNaN(c.min())) {
          put(cons, "minimum", c.min(), c.type());
        }
        if (!Double.isNaN(c.max())) {
          put(cons, "maximum", c.max(), c.type());
        }
        if (!cons.isEmpty()) {
          f.set("constraints", cons);
        }
      }
      ArrayNode missing = schema.putArray("missingValues");
      StudySchema.MISSING_VALUES.forEach(missing::add);
      if (!t.primaryKey().isEmpty()) {
        ArrayNode pk = schema.putArray("primaryKey");
        t.primaryKey().forEach(pk::add);
      }
      if (!t.foreignKeys().isEmpty()) {
        ArrayNode fks = schema.putArray("foreignKeys");
        for (TableSchema.ForeignKey fk : t.foreignKeys()) {
          ObjectNode o = fks.addObject();
          ArrayNode fieldsNode = o.putArray("fields");
          fk.fields().forEach(fieldsNode::add);
          ObjectNode ref = o.putObject("reference");
          ref.put("resource", fk.referenceTable().replace('_', '-'));
          ArrayNode rf = ref.putArray("fields");
          fk.referenceFields().forEach(rf::add);
        }
      }
    }
    m.writeValue(file.toFile(), root);
  }

  private static void put(ObjectNode o, String key, double v, String type) {
    if ("integer".equals(type)) {
      o.put(key, (long) v);
    } else {
      o.put(key, v);
    }
  }

  /** Writes a Markdown codebook: one section per table, one row per column. */
  public static void codebook(Path file, String title, List<TableSchema> tables) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("# " + title + "\n\nMissing values are written as an empty cell or `NA`.\n");
      for (TableSchema t : tables) {
        w.write("\n## " + t.fileName() + "\n\n" + t.description() + ". Primary key: "
            + (t.primaryKey().isEmpty() ? "none" : "`" + String.join("`, `", t.primaryKey()) + "`") + ".");
        for (TableSchema.ForeignKey fk : t.foreignKeys()) {
          w.write(" `" + String.join("`, `", fk.fields()) + "` → " + fk.referenceTable() + ".csv.");
        }
        w.write("\n\n| column | type | required | values | meaning |\n| --- | --- | --- | --- | --- |\n");
        for (Column c : t.columns()) {
          String values = !c.allowed().isEmpty() ? String.join(", ", c.allowed())
              : (!Double.isNaN(c.min()) || !Double.isNaN(c.max()))
                  ? "[" + (Double.isNaN(c.min()) ? "" : fmt(c.min())) + ", " + (Double.isNaN(c.max()) ? "" : fmt(c.max())) + "]"
                  : "";
          w.write("| " + c.name() + " | " + c.type() + " | " + (c.required() ? "yes" : "no") + " | " + values + " | "
              + c.description().replace("|", "\\|") + " |\n");
        }
      }
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
