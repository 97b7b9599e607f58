package org.thinktrace.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated TorchScript archives: PyTorch (through DJL) loads them and their methods compute what DJL's own
 * operators compute; specs that cannot make a module are refused with a message naming the field and value.
 */
class TorchScriptArchiveTest extends NativeMemoryTest {

    private static final TorchScriptModuleSpec MATMUL = new TorchScriptModuleSpec("MatMul", List.of(
            """
            def forward(self, x: Tensor, w: Tensor) -> Tensor:
              return torch.matmul(x, w)
            """,
            """
            def scaled_sum(self, x: Tensor, y: Tensor, alpha: float) -> Tensor:
              z = torch.add(x, y, alpha=alpha)

              return torch.sum(z, [1])
            """));

    @Test
    void aGeneratedModuleMultipliesAsDjlDoes() {
        try (TorchScriptModule module = TorchScriptModule.load(MATMUL, manager)) {
            for (int[] shape : new int[][] {{1, 7, 3}, {5, 16, 9}, {33, 64, 17}}) {
                NDArray x = manager.randomNormal(new Shape(shape[0], shape[1]));
                NDArray w = manager.randomNormal(new Shape(shape[1], shape[2]));
                NDArray expected = x.matMul(w);
                NDArray actual = module.call("forward", x, w);
                assertEquals(expected.getShape(), actual.getShape());
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-4f);
            }
        }
    }

    @Test
    void aSecondMethodRunsWithANumberArgument() {
        try (TorchScriptModule module = TorchScriptModule.load(MATMUL, manager)) {
            NDArray x = manager.randomNormal(new Shape(4, 6));
            NDArray y = manager.randomNormal(new Shape(4, 6));
            float[] expected = x.add(y.mul(2.5f)).sum(new int[] {1}).toFloatArray();
            try (var ix = ai.djl.pytorch.jni.IValue.from((ai.djl.pytorch.engine.PtNDArray) x);
                 var iy = ai.djl.pytorch.jni.IValue.from((ai.djl.pytorch.engine.PtNDArray) y);
                 var alpha = ai.djl.pytorch.jni.IValue.from(2.5);
                 var result = module.invoke("scaled_sum", ix, iy, alpha)) {
                assertArrayEquals(expected, result.toTensor((ai.djl.pytorch.engine.PtNDManager) manager).toFloatArray(), 1e-4f);
            }
        }
    }

    @Test
    void theArchiveHoldsStoredRecordsUnderOneFolder() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(TorchScriptArchive.write(MATMUL)))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                assertEquals(ZipEntry.STORED, entry.getMethod(), entry.getName());
                if (entry.getName().endsWith("code/__torch__.py")) {
                    String source = new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    assertTrue(source.startsWith("class MatMul(Module):\n"), source);
                    assertTrue(source.contains("\n  def scaled_sum(self,"), source);
                }
            }
        }
        assertEquals(List.of("archive/version", "archive/code/__torch__.py", "archive/data.pkl", "archive/constants.pkl"), names);
    }

    @Test
    void malformedSpecsAreRefusedWithTheFieldAndValue() {
        String method = "def forward(self, x: Tensor) -> Tensor:\n  return x\n";
        assertMessage("className must be a Python identifier not starting with \"__\", got \"2Fast\"",
                () -> new TorchScriptModuleSpec("2Fast", List.of(method)));
        assertMessage("className must be a Python identifier not starting with \"__\", got \"__torch__\"",
                () -> new TorchScriptModuleSpec("__torch__", List.of(method)));
        assertMessage("methods is empty", () -> new TorchScriptModuleSpec("M", List.of()));
        assertMessage("methods[1] must start with \"def <name>(self\", got \"return x\"",
                () -> new TorchScriptModuleSpec("M", List.of(method, "return x\n")));
        assertMessage("methods[1] defines forward a second time",
                () -> new TorchScriptModuleSpec("M", List.of(method, method)));
        assertMessage("methods[0] (forward) contains a tab",
                () -> new TorchScriptModuleSpec("M", List.of("def forward(self, x: Tensor) -> Tensor:\n\treturn x\n")));
    }

    @Test
    void anOperatorPyTorchLacksIsReportedWithItsName() {
        TorchScriptModuleSpec unknown = new TorchScriptModuleSpec("Unknown", List.of(
                "def forward(self, x: Tensor) -> Tensor:\n  return torch.no_such_operator(x)\n"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (TorchScriptModule module = TorchScriptModule.load(unknown, manager)) {
                module.call("forward", manager.ones(new Shape(2)));
            }
        });
        assertTrue(e.getMessage().contains("__torch__.Unknown") && e.getMessage().contains("no_such_operator"), e.getMessage());
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
    }
}
