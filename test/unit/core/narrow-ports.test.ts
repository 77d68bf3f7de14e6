// Each use case names the stores it uses and no other: read from the code, so a new call on the
// repository or a store left in a signature after its last use fails here, not in review.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const core = new URL("../../../functions/core/", import.meta.url).pathname;
const portsDir = join(core, "ports");

const coreFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? coreFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

const isValueDeclaration = (d: ts.Node) =>
  ts.isFunctionDeclaration(d) || ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d);

type UseCase = { name: string; declared: string[]; used: string[] };
let useCases: UseCase[];
let storeOf: Map<string, string>;

beforeAll(() => {
  const files = coreFiles(core);
  const program = ts.createProgram(files, {
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2024,
    strict: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();

  // Each method's store: the interface declaring it in ports/.
  storeOf = new Map();
  for (const file of files.filter((f) => f.startsWith(portsDir)))
    program.getSourceFile(file)!.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node))
        for (const member of node.members) storeOf.set(member.name!.getText(), node.name.text);
    });
  const storesOf = (type: ts.Type) =>
    [
      ...new Set(
        type
          .getProperties()
          .flatMap((p) =>
            (p.declarations ?? [])
              .filter((d) => d.getSourceFile().fileName.startsWith(portsDir))
              .map((d) => (d.parent as ts.InterfaceDeclaration).name.text),
          ),
      ),
    ].sort();

  // The repository methods a function may call: in its body and in every core function it reaches.
  const used = (start: ts.Node) => {
    const seen = new Set<ts.Node>();
    const methods = new Set<string>();
    const visit = (declaration: ts.Node) => {
      if (seen.has(declaration)) return;
      seen.add(declaration);
      const each = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) && /(^|\.)repository$/.test(node.expression.getText()))
          methods.add(node.name.text);
        if (ts.isIdentifier(node)) {
          let symbol = checker.getSymbolAtLocation(node);
          if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
          for (const d of symbol?.declarations ?? [])
            if (isValueDeclaration(d) && d.getSourceFile().fileName.startsWith(core)) visit(d);
        }
        ts.forEachChild(node, each);
      };
      each(declaration);
    };
    visit(start);
    return [...new Set([...methods].map((m) => storeOf.get(m) ?? `unknown ${m}`))].sort();
  };

  useCases = [];
  for (const file of files.filter((f) => !f.startsWith(portsDir) && !f.endsWith("/ports.ts"))) {
    const source = program.getSourceFile(file)!;
    const functions: [string, ts.SignatureDeclaration][] = [];
    source.forEachChild((node) => {
      if (ts.isFunctionDeclaration(node) && node.name) functions.push([node.name.text, node]);
      if (ts.isVariableStatement(node))
        for (const d of node.declarationList.declarations)
          if (d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
            functions.push([d.name.getText(), d.initializer]);
    });
    for (const [name, fn] of functions)
      for (const parameter of fn.parameters) {
        const type = checker.getTypeAtLocation(parameter);
        const repository = type.getProperty("repository");
        const stores = repository
          ? checker.getTypeOfSymbolAtLocation(repository, parameter)
          : parameter.name.getText() === "repository"
            ? type
            : undefined;
        if (!stores) continue;
        useCases.push({
          name: `${file.slice(core.length)} ${name}`,
          declared: storesOf(stores),
          used: used(fn),
        });
      }
  }
}, 60_000);

describe("narrow ports", () => {
  it("finds the use cases and the stores", () => {
    expect(useCases.length).toBeGreaterThan(40);
    expect(new Set(storeOf.values()).size).toBeGreaterThanOrEqual(11);
  });

  it("hands each use case exactly the stores it uses", () => {
    const wrong = useCases
      .filter((u) => u.declared.join() !== u.used.join())
      .map((u) => `${u.name}: declares ${u.declared.join(" & ")}; uses ${u.used.join(" & ")}`);
    expect(wrong).toEqual([]);
  });

  it("never hands a use case the whole repository", () => {
    const all = new Set(storeOf.values()).size;
    expect(useCases.filter((u) => u.declared.length >= all).map((u) => u.name)).toEqual([]);
  });
});
