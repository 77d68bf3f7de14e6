// The CDK app: one environment-agnostic stack per stage, named Consulta-<stage>, from the context parameters.
import { App, Tags } from "aws-cdk-lib";
import { ConsultaStack } from "./consulta-stack.ts";
import { readParameters } from "./parameters.ts";

/** Builds the app; tests call this with cdk.json's context so they check what `cdk synth` writes. */
export const buildApp = (app: App) => {
  const parameters = readParameters((key) => app.node.tryGetContext(key));
  // No account or region here: synth needs no credentials and no lookups; deploy takes both from the profile.
  const stack = new ConsultaStack(app, `Consulta-${parameters.stage}`, {
    description: `Consulta survey platform (${parameters.stage})`,
    parameters,
  });
  Tags.of(stack).add("project", "consulta");
  Tags.of(stack).add("stage", parameters.stage);
  return stack;
};

if (import.meta.main) buildApp(new App());
