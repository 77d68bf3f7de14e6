// The campaigns' store: a campaign's settings and whether it is open.
import type { Campaign } from "../campaign.ts";

export interface CampaignStore {
  createCampaign(campaign: Campaign): Promise<void>;
  getCampaign(id: string): Promise<Campaign | undefined>;
  listCampaigns(): Promise<Campaign[]>;
  /** Closes or reopens a campaign; reopening may set a new closing date. */
  setCampaignStatus(id: string, status: Campaign["status"], closesAt?: string): Promise<void>;
}
