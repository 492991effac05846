package toyisa.lsp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server: the documents the editor has open, each assembled for both CPUs whenever it
 * changes (its diagnostics published then), and every request answered from that assembly. Requests
 * are answered in the order they come, on the thread that reads them.
 */
public final class ToyisaLanguageServer implements LanguageServer, LanguageClientAware, TextDocumentService, WorkspaceService {
    private final Map<String, String> open = new ConcurrentHashMap<>();
    private final Map<String, Analysis> analyses = new ConcurrentHashMap<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile LanguageClient client;
    private volatile boolean shutdown;

    @Override
    public void connect(LanguageClient client) {
        this.client = client;
    }

    /** Completes with the exit status when the client sends {@code exit}: 0 after {@code shutdown}, else 1. */
    CompletableFuture<Integer> exited() {
        return exit;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Full);
        caps.setHoverProvider(true);
        CompletionOptions completion = new CompletionOptions(false, List.of(".", " ", ","));
        caps.setCompletionProvider(completion);
        caps.setSignatureHelpProvider(new SignatureHelpOptions(List.of(" ", ",")));
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setRenameProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setDocumentFormattingProvider(true);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        SemanticTokensWithRegistrationOptions tokens = new SemanticTokensWithRegistrationOptions(Highlighting.legend(), true);
        caps.setSemanticTokensProvider(tokens);
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("toyisa", "0.1")));
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutdown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exit.complete(shutdown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return this;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return this;
    }

    // ------------------------------------------------------------------ documents

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        changed(params.getTextDocument().getUri(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        var changes = params.getContentChanges();
        if (changes.isEmpty()) return;
        changed(params.getTextDocument().getUri(), changes.get(changes.size() - 1).getText());
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        open.remove(uri);
        analyses.remove(uri);
        reanalyseOthers(uri);
        if (client != null) client.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        reanalyseOthers(params.getTextDocument().getUri());
    }

    private void changed(String uri, String text) {
        open.put(uri, text == null ? "" : text);
        analyses.remove(uri);
        publish(analysis(uri));
        reanalyseOthers(uri);
    }

    /** The documents that include a changed one see its new text. */
    private void reanalyseOthers(String changedUri) {
        String changedFile = Analysis.fileName(changedUri);
        for (String uri : List.copyOf(open.keySet())) {
            if (uri.equals(changedUri)) continue;
            Analysis a = analyses.get(uri);
            if (a != null && a.files.containsKey(changedFile)) {
                analyses.remove(uri);
                publish(analysis(uri));
            }
        }
    }

    private void publish(Analysis a) {
        if (a == null || client == null) return;
        List<org.eclipse.lsp4j.Diagnostic> ds = Diagnostics.of(a).stream().map(Diagnostics.Shown::lsp).toList();
        client.publishDiagnostics(new PublishDiagnosticsParams(a.uri, ds));
    }

    private Analysis analysis(String uri) {
        String text = open.get(uri);
        if (text == null) return null;
        return analyses.computeIfAbsent(uri, u -> Analysis.of(u, text, open::get));
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    // ------------------------------------------------------------------ requests

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        return done(a == null ? null : Hovers.at(a, params.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        return done(Either.forLeft(a == null ? List.of() : Completions.at(a, params.getPosition())));
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        return done(a == null ? null : Completions.signature(a, params.getPosition()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        return done(Either.forLeft(a == null ? List.of() : Names.definition(a, params.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return done(a == null ? List.of() : Names.references(a, params.getPosition(), decl));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        if (a == null) return done(null);
        return done(Names.rename(a, params.getPosition(), params.getNewName()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        if (a == null) return done(List.of());
        return done(Names.symbols(a).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        String text = open.get(params.getTextDocument().getUri());
        return done(text == null ? List.of() : Formatter.edits(text));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        if (a == null || params.getContext() == null || params.getContext().getDiagnostics() == null) return done(List.of());
        return done(Diagnostics.fixes(a, params.getContext().getDiagnostics()).stream().map(Either::<Command, CodeAction>forRight).toList());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        Analysis a = analysis(params.getTextDocument().getUri());
        return done(a == null ? new SemanticTokens(List.of()) : Highlighting.of(a));
    }

    // ------------------------------------------------------------------ workspace

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {}

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {}
}
