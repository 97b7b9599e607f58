package org.thinktrace.model;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link TorchScriptModuleSpec} compiled and loaded by DJL's PyTorch engine: its
 * {@link TorchScriptArchive} is written to a temporary file, loaded with {@code torch::jit::load}
 * and the file deleted. The module's native memory belongs to the manager it was loaded with
 * (freed with it, or earlier by {@link #close()}).
 *
 * <p>Calls run on the calling thread with that thread's PyTorch settings (threads, grad mode).
 */
public final class TorchScriptModule implements AutoCloseable {

    private final TorchScriptModuleSpec spec;
    private final PtSymbolBlock block;

    private TorchScriptModule(TorchScriptModuleSpec spec, PtSymbolBlock block) {
        this.spec = spec;
        this.block = block;
    }

    /**
     * Writes, loads and compiles the module.
     *
     * @param owner a PyTorch manager that owns the module from now on
     * @throws IllegalStateException when PyTorch rejects the archive or its source (the message holds PyTorch's)
     */
    public static TorchScriptModule load(TorchScriptModuleSpec spec, NDManager owner) {
        Path file = null;
        try {
            file = Files.createTempFile("thinktrace-" + spec.className() + "-", ".pt");
            Files.write(file, TorchScriptArchive.write(spec));
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) owner, file, false, new String[0], new String[0], false);
            return new TorchScriptModule(spec, block);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the TorchScript archive of " + spec.qualifiedName() + " to " + file, e);
        } catch (EngineException e) {
            throw new IllegalStateException("PyTorch could not load the generated TorchScript module "
                    + spec.qualifiedName() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(file);
        }
    }

    /**
     * Runs {@code method} on tensors and returns its tensor result.
     *
     * @return the result, attached to the first input's manager
     * @throws IllegalStateException when the call fails in PyTorch (wrong types or shapes: the message holds PyTorch's)
     */
    public NDArray call(String method, NDArray... inputs) {
        IValue[] args = new IValue[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                args[i] = IValue.from((PtNDArray) inputs[i]);
            }
            try (IValue result = invoke(method, args)) {
                return result.toTensor((PtNDManager) inputs[0].getManager());
            }
        } finally {
            for (IValue arg : args) {
                if (arg != null) {
                    arg.close();
                }
            }
        }
    }

    /**
     * Runs {@code method} on values of any kind (tensors, numbers, objects such as packed weights that an earlier
     * call returned).
     *
     * @return the result; the caller closes it
     * @throws IllegalStateException when the call fails in PyTorch (the message holds PyTorch's)
     */
    public IValue invoke(String method, IValue... args) {
        try {
            return IValueUtils.runMethod(block, method, args);
        } catch (EngineException e) {
            throw new IllegalStateException("TorchScript " + spec.qualifiedName() + "." + method + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** The spec this module was compiled from. */
    public TorchScriptModuleSpec spec() {
        return spec;
    }

    /** Frees the module now (the owner's manager would free it when closed). */
    @Override
    public void close() {
        block.close();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(TorchScriptModule.class)
                        .warn("Could not delete the temporary TorchScript archive {}", file, e);
            }
        }
    }
}
