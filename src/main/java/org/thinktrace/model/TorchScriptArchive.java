package org.thinktrace.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the TorchScript archive of a {@link TorchScriptModuleSpec}: the zip file that
 * {@code torch.jit.save} produces and {@code torch::jit::load} (so DJL's PyTorch engine) reads,
 * without Python. Every record is stored uncompressed under one top-level folder, {@code archive/}:
 * <ul>
 *   <li>{@code version}: the file format version, {@value #FORMAT_VERSION} (container type tags in pickles,
 *       no operator upgraders applied to the code below);</li>
 *   <li>{@code code/__torch__.py}: {@code class <Name>(Module):} with the attribute {@code training : bool}
 *       and the spec's methods;</li>
 *   <li>{@code data.pkl}: the module object, pickle protocol 2: {@code GLOBAL __torch__ <Name>}, an empty
 *       tuple, {@code NEWOBJ}, then {@code BUILD} with the attribute dictionary {@code {"training": False}};</li>
 *   <li>{@code constants.pkl}: the empty tuple of tensor constants.</li>
 * </ul>
 * The layout follows PyTorch's {@code caffe2/serialize/inline_container.cc} (reader) and
 * {@code torch/csrc/jit/serialization/import.cpp}, {@code unpickler.cpp} and {@code import_source.cpp}.
 */
public final class TorchScriptArchive {

    /** The file format version written; PyTorch reads 1 and up. */
    static final int FORMAT_VERSION = 3;
    private static final String FOLDER = "archive/";

    private TorchScriptArchive() {
    }

    /** The archive's bytes. */
    public static byte[] write(TorchScriptModuleSpec spec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            store(zip, "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            store(zip, "code/__torch__.py", source(spec).getBytes(StandardCharsets.UTF_8));
            store(zip, "data.pkl", moduleObject(spec.className()));
            store(zip, "constants.pkl", new byte[] {PROTO, 2, EMPTY_TUPLE, STOP});
        } catch (IOException e) {
            throw new UncheckedIOException("writing a TorchScript archive in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The TorchScript source of the module's class: what {@code code/__torch__.py} holds. */
    static String source(TorchScriptModuleSpec spec) {
        StringBuilder text = new StringBuilder()
                .append("class ").append(spec.className()).append("(Module):\n")
                .append("  __parameters__ = []\n")
                .append("  __buffers__ = []\n")
                .append("  training : bool\n");
        for (String method : spec.methods()) {
            for (String line : method.strip().split("\n", -1)) {
                text.append(line.isBlank() ? "" : "  " + line).append('\n');
            }
        }
        return text.toString();
    }

    private static void store(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(FOLDER + name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static final byte PROTO = (byte) 0x80;
    private static final byte GLOBAL = 'c';
    private static final byte EMPTY_TUPLE = ')';
    private static final byte NEWOBJ = (byte) 0x81;
    private static final byte EMPTY_DICT = '}';
    private static final byte MARK = '(';
    private static final byte BINUNICODE = 'X';
    private static final byte NEWFALSE = (byte) 0x89;
    private static final byte SETITEMS = 'u';
    private static final byte BUILD = 'b';
    private static final byte STOP = '.';

    /** Pickle of an instance of {@code __torch__.<className>} whose only attribute is {@code training = False}. */
    private static byte[] moduleObject(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PROTO);
        out.write(2);
        out.write(GLOBAL);
        out.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        out.write(EMPTY_TUPLE);
        out.write(NEWOBJ);
        out.write(EMPTY_DICT);
        out.write(MARK);
        unicode(out, "training");
        out.write(NEWFALSE);
        out.write(SETITEMS);
        out.write(BUILD);
        out.write(STOP);
        return out.toByteArray();
    }

    private static void unicode(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        for (int shift = 0; shift < 32; shift += 8) {                       // length, 4 bytes little-endian
            out.write(utf8.length >>> shift);
        }
        out.writeBytes(utf8);
    }
}
