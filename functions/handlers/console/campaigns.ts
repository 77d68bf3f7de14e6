// The console's home: the campaigns, and the form that opens a new one.
import { CampaignInput, openCampaign } from "../../core/campaign.ts";
import { closingTimeOf, HEADQUARTERS_TIME_ZONE } from "../../core/closing-time.ts";
import { BadRequest } from "../../core/errors.ts";
import { redirect } from "../../http/responses.ts";
import { field, type ConsolePage } from "./page.ts";

export const campaignsPage: ConsolePage = {
  answer: async (r) => {
    const campaigns = await r.ports.repository.listCampaigns();
    return r.render("campaigns", { campaigns: campaigns.map((x) => ({ ...x, titleText: x.title[r.lang] })) });
  },
};

export const createCampaign: ConsolePage = {
  answer: async (r) => {
    const invite = field(r.form, "invite")
      .split(/[\s,;]+/)
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean);
    // The form names no zone: the campaign gets the headquarters', and its closing day ends there.
    const parsed = CampaignInput.safeParse({
      questionnaireId: field(r.form, "questionnaireId"),
      closesAt: closingTimeOf(field(r.form, "closesAt"), HEADQUARTERS_TIME_ZONE),
      ...(r.form.meeting ? { meeting: field(r.form, "meeting") } : {}),
      ...(invite.length ? { invite } : {}),
    });
    if (!parsed.success)
      throw new BadRequest("invalid_campaign", "Give a questionnaire and a closing date (YYYY-MM-DD)");
    const campaign = await openCampaign(r.ports, parsed.data);
    r.did({ action: "created the campaign", campaignId: campaign.id });
    return redirect(`/console/campaigns/${campaign.id}`);
  },
};
