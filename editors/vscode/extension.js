// The toyisa extension: the language server (toyisa lsp) and the debug adapter (toyisa dap), both
// run from toyisa.jar — the one inside the extension, or the one the toyisa.jar setting names.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function command(context, sub) {
  const cfg = vscode.workspace.getConfiguration("toyisa");
  const java = cfg.get("java") || "java";
  const jar = cfg.get("jar") || context.asAbsolutePath("server/toyisa.jar");
  return { command: java, args: ["-jar", jar, sub] };
}

function activate(context) {
  const lsp = command(context, "lsp");
  client = new LanguageClient("toyisa", "toyisa", { run: lsp, debug: lsp }, { documentSelector: [{ language: "pasm" }] });
  client.start();

  context.subscriptions.push(vscode.debug.registerDebugAdapterDescriptorFactory("toyisa", {
    createDebugAdapterDescriptor() {
      const dap = command(context, "dap");
      return new vscode.DebugAdapterExecutable(dap.command, dap.args);
    },
  }));
  // F5 without a launch.json: run the open file on Armistice, stopped at its first line.
  context.subscriptions.push(vscode.debug.registerDebugConfigurationProvider("toyisa", {
    resolveDebugConfiguration(folder, config) {
      if (!config.type && !config.request && !config.name) {
        const editor = vscode.window.activeTextEditor;
        if (editor && editor.document.languageId === "pasm") {
          return { type: "toyisa", request: "launch", name: "Run on Armistice", program: "${file}", cpu: "armistice", stopOnEntry: true };
        }
      }
      return config.program ? config : undefined;
    },
  }));
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
