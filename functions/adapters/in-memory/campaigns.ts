// Campaigns in memory.
import type { Campaign } from "../../core/campaign.ts";
import type { CampaignStore } from "../../core/ports.ts";
import { bySortKey, copy } from "./kept.ts";

export const inMemoryCampaignStore = (): CampaignStore => {
  const campaigns = new Map<string, Campaign>();
  return {
    createCampaign: async (campaign) => {
      if (campaigns.has(campaign.id)) throw new Error(`Campaign ${campaign.id} already exists`);
      campaigns.set(campaign.id, copy(campaign));
    },
    getCampaign: async (id) => copy(campaigns.get(id)),
    listCampaigns: async () =>
      [...campaigns.values()]
        .sort(bySortKey((c) => `${c.createdAt}#${c.id}`))
        .reverse()
        .map(copy),
    setCampaignStatus: async (id, status, closesAt) => {
      const stored = campaigns.get(id);
      if (!stored) throw new Error(`No campaign ${id}`);
      campaigns.set(id, { ...stored, status, ...(closesAt ? { closesAt } : {}) });
    },
  };
};
