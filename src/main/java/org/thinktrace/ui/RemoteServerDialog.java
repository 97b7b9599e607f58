package org.thinktrace.ui;

import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.thinktrace.chat.RemoteServer;
import org.thinktrace.remote.RemoteEndpoint;

/**
 * "Add OpenAI-compatible server": base URL, model name and API key; its result is the server, or empty when
 * cancelled. OK is refused, with the reason shown, while the URL or the model name is not usable.
 */
final class RemoteServerDialog extends Dialog<RemoteServer> {

    private static final ButtonType CONNECT = new ButtonType("Connect", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);

    RemoteServerDialog(Window owner, Optional<RemoteServer> saved) {
        initOwner(owner);
        setTitle("Add OpenAI-compatible server");
        setHeaderText("vLLM, SGLang, llama-server, the DeepSeek API or another ThinkTrace");
        TextField url = new TextField(saved.map(RemoteServer::baseUrl).orElse(""));
        url.setPromptText("http://gpu-box:8000/v1");
        url.setPrefColumnCount(28);
        TextField model = new TextField(saved.map(RemoteServer::model).orElse(""));
        model.setPromptText("deepseek-ai/DeepSeek-R1");
        PasswordField key = new PasswordField();
        key.setText(saved.map(RemoteServer::apiKey).orElse(""));
        key.setPromptText("none");
        Label error = new Label();
        error.getStyleClass().add("settings-error");
        Label hint = new Label("The key is kept in a file only you can read, never in conversations.");
        hint.getStyleClass().add("text-muted");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("settings-form");
        grid.addRow(0, new Label("Base URL"), url);
        grid.addRow(1, new Label("Model name"), model);
        grid.addRow(2, new Label("API key"), key);
        grid.add(hint, 1, 3);
        grid.add(error, 0, 4, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
        Button connect = (Button) getDialogPane().lookupButton(CONNECT);
        connect.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                RemoteEndpoint.of(url.getText(), model.getText().strip(), null);
                error.setText("");
            } catch (IllegalArgumentException problem) {
                error.setText(problem.getMessage());
                e.consume();
            }
        });
        setResultConverter(button -> button == CONNECT
                ? new RemoteServer(url.getText().strip(), model.getText().strip(), key.getText()) : null);
    }

    Optional<RemoteServer> ask() {
        return showAndWait();
    }
}
