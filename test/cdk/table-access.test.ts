// Each function's DynamoDB actions in cdk/functions.ts are those its code can perform, read from the code itself.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { HANDLERS, HANDLER_NAMES, type HandlerName } from "../../cdk/functions.ts";
import { ROUTES } from "../../functions/http/routes.ts";

const root = new URL("../../", import.meta.url).pathname;
const functionsDir = join(root, "functions");
/** The DynamoDB repository: one file per store over the shared table module. */
const repositoryDir = join(functionsDir, "adapters/dynamodb");
/** The admin handlers' audit trail (functions/http/handler.ts adds it for `admin: true` only). */
const auditFile = join(functionsDir, "http/audit.ts");

/** The document client's commands, by the IAM action each one is. */
const ACTION_OF_COMMAND: Record<string, string> = {
  GetCommand: "GetItem",
  BatchGetCommand: "BatchGetItem",
  QueryCommand: "Query",
  ScanCommand: "Scan",
  PutCommand: "PutItem",
  UpdateCommand: "UpdateItem",
  DeleteCommand: "DeleteItem",
  BatchWriteCommand: "BatchWriteItem",
  TransactGetCommand: "TransactGetItems",
  TransactWriteCommand: "TransactWriteItems",
};

const isValueDeclaration = (d: ts.Node) =>
  ts.isFunctionDeclaration(d) ||
  ts.isVariableDeclaration(d) ||
  ts.isClassDeclaration(d) ||
  ts.isMethodDeclaration(d) ||
  ts.isPropertyAssignment(d) ||
  ts.isShorthandPropertyAssignment(d);

/**
 * Visits every node reachable from `start` by following the names it uses to their declarations in
 * the files `follow` accepts. Reaching a function counts its whole body, whichever branch runs: the
 * answer is what a function may do, never less than what it does.
 */
const reach = (
  checker: ts.TypeChecker,
  start: readonly ts.Node[],
  follow: (file: string) => boolean,
  onNode: (node: ts.Node) => void,
) => {
  const seen = new Set<ts.Node>();
  const visit = (declaration: ts.Node) => {
    if (seen.has(declaration)) return;
    seen.add(declaration);
    const each = (node: ts.Node): void => {
      onNode(node);
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const d of symbol?.declarations ?? [])
          if (isValueDeclaration(d) && follow(d.getSourceFile().fileName)) visit(d);
      }
      ts.forEachChild(node, each);
    };
    each(declaration);
  };
  start.forEach(visit);
};

let derived: Record<HandlerName, string[]>;
/** The work that grows with the directory: only the run-job worker may reach it (issue 18.2). */
const BULK = new Set([
  "sendInvitations",
  "remindNow",
  "compileInputsReport",
  "applyDirectoryImport",
  "runJob",
  "runJobChunk",
]);
let bulkReached: Record<HandlerName, string[]>;
let repositoryActions: Map<string, Set<string>>;

beforeAll(() => {
  const handlerFiles = readdirSync(join(functionsDir, "handlers"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(functionsDir, "handlers", f));
  const program = ts.createProgram(handlerFiles, {
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2024,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();

  // What each repository method sends to DynamoDB: the commands its body (and the helpers it calls) builds.
  // The methods are those of the object each store file's factory (`(table: Table): XStore`) returns.
  const methods: ts.ObjectLiteralElementLike[] = [];
  const returned = (fn: ts.ArrowFunction) => {
    if (ts.isParenthesizedExpression(fn.body) && ts.isObjectLiteralExpression(fn.body.expression))
      return fn.body.expression;
    if (!ts.isBlock(fn.body)) return undefined;
    const statement = fn.body.statements.find(ts.isReturnStatement);
    return statement?.expression && ts.isObjectLiteralExpression(statement.expression)
      ? statement.expression
      : undefined;
  };
  for (const file of readdirSync(repositoryDir)) {
    const source = program.getSourceFile(join(repositoryDir, file));
    source?.forEachChild((node) => {
      if (!ts.isVariableStatement(node)) return;
      for (const d of node.declarationList.declarations)
        if (
          d.initializer &&
          ts.isArrowFunction(d.initializer) &&
          /Store$/.test(d.initializer.type?.getText() ?? "")
        )
          methods.push(...(returned(d.initializer)?.properties ?? []));
    });
  }
  repositoryActions = new Map(
    methods.map((method) => {
      const actions = new Set<string>();
      reach(
        checker,
        [method],
        (file) => file.startsWith(repositoryDir),
        (node) => {
          if (ts.isNewExpression(node) && /Command$/.test(node.expression.getText())) {
            const action = ACTION_OF_COMMAND[node.expression.getText()];
            // Only the local stack's set-up describes or creates the table; no method does.
            actions.add(action ?? `unknown ${node.expression.getText()}`);
          }
        },
      );
      return [method.name!.getText(), actions];
    }),
  );

  // What each handler may call on the repository: `repository.<method>` anywhere its code reaches.
  // Adapters are left out (they implement ports, and the local queue would bring in the worker), and
  // so is the audit trail, which runs for the admin handlers' state-changing routes only.
  const follow = (file: string) =>
    file.startsWith(functionsDir) &&
    !file.startsWith(join(functionsDir, "adapters")) &&
    !file.startsWith(join(functionsDir, "local")) &&
    file !== auditFile;
  const changing = new Set<string>(ROUTES.filter((r) => r.method !== "GET").map((r) => r.handler));
  const bulk: Partial<Record<HandlerName, Set<string>>> = {};
  derived = Object.fromEntries(
    HANDLER_NAMES.map((name) => {
      const file = program.getSourceFile(join(functionsDir, "handlers", `${name}.ts`))!;
      const called = new Set<string>();
      const reachedBulk = (bulk[name] = new Set<string>());
      reach(
        checker,
        file.statements.filter((s) => !ts.isImportDeclaration(s)),
        follow,
        (node) => {
          if (ts.isPropertyAccessExpression(node) && /(^|\.)repository$/.test(node.expression.getText()))
            called.add(node.name.text);
          if (ts.isIdentifier(node) && BULK.has(node.text)) reachedBulk.add(node.text);
        },
      );
      if (HANDLERS[name].admin && changing.has(name)) called.add("putAudit");
      const actions = new Set<string>();
      for (const method of called)
        for (const action of repositoryActions.get(method) ?? [`unknown repository.${method}`])
          actions.add(action);
      return [name, [...actions].sort()];
    }),
  ) as Record<HandlerName, string[]>;
  bulkReached = Object.fromEntries(HANDLER_NAMES.map((n) => [n, [...(bulk[n] ?? [])].sort()])) as Record<
    HandlerName,
    string[]
  >;
}, 60_000);

describe("each function's DynamoDB actions", () => {
  it("reads what each repository method sends from the repository itself", () => {
    expect(repositoryActions.size).toBe(63);
    expect([...repositoryActions.get("getMember")!].sort()).toEqual(["BatchGetItem", "GetItem"]);
    expect([...repositoryActions.get("listMembers")!]).toEqual(["Query"]);
    expect([...repositoryActions.get("putMembers")!]).toEqual(["BatchWriteItem"]);
    expect([...repositoryActions.get("deleteSession")!]).toEqual(["DeleteItem"]);
    expect([...repositoryActions.get("putConsoleLanguage")!]).toEqual(["PutItem"]);
    expect([...repositoryActions.get("listQuestionnaireVersions")!]).toEqual(["Query"]);
    expect([...repositoryActions.get("deleteQuestionnaireDraft")!]).toEqual(["DeleteItem"]);
    expect([...repositoryActions.get("getImport")!].sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
    expect([...repositoryActions.get("getWorkPlan")!].sort()).toEqual(["BatchGetItem", "GetItem", "Query"]);
    expect([...repositoryActions.get("getAdoptedWorkPlan")!]).toEqual(["Query"]);
    expect([...repositoryActions.get("listWorkPlanEditions")!]).toEqual(["Query"]);
    expect([...repositoryActions.get("putWorkPlan")!]).toEqual(["PutItem"]);
    const all = new Set([...repositoryActions.values()].flatMap((a) => [...a]));
    expect([...all].filter((a) => a.startsWith("unknown"))).toEqual([]);
    expect(all.has("Scan")).toBe(false);
  });

  it("grants each function exactly the actions its code can perform", () => {
    const declared = Object.fromEntries(HANDLER_NAMES.map((n) => [n, [...HANDLERS[n].table].sort()]));
    expect(declared).toEqual(derived);
  });

  it("keeps the respondents' form from scanning or deleting anything", () => {
    expect(derived["respondent-form"]).not.toContain("Scan");
    expect(derived["respondent-form"]).not.toContain("DeleteItem");
  });
});

describe("what runs inside a request", () => {
  const http = HANDLER_NAMES.filter((n) => HANDLERS[n].trigger === "http");

  it("never sends, reminds, compiles or applies an import: an HTTP function only records the job", () => {
    expect(Object.fromEntries(http.map((n) => [n, bulkReached[n]]))).toEqual(
      Object.fromEntries(http.map((n) => [n, []])),
    );
    // The worker does all of it.
    expect(bulkReached["run-job"]).toEqual([...BULK].sort());
  });

  it("needs no long timeout: every HTTP function stops well inside API Gateway's 30 s, the job starters in 10", () => {
    for (const name of http) expect(HANDLERS[name].timeout.toSeconds(), name).toBeLessThanOrEqual(20);
    for (const name of ["send-invitations", "compile-report", "job-status"] as const)
      expect(HANDLERS[name].timeout.toSeconds(), name).toBeLessThanOrEqual(10);
    expect(http.filter((n) => HANDLERS[n].startsJobs).sort()).toEqual([
      // Extending a deadline may start the job telling those who have not submitted.
      "campaign-admin",
      "campaign-delivery",
      "compile-report",
      "console",
      "directory-admin",
      "job-status",
      // A submission queues the job translating its free texts.
      "respondent-form",
      "send-invitations",
    ]);
  });
});
