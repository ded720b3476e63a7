// Starts `assess lsp` for .assess files; highlighting comes from the grammar.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace
    .getConfiguration("assess")
    .get("server.command", ["assess", "lsp"]);
  client = new LanguageClient(
    "assess",
    "assess language server",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "assess" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
