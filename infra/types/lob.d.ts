// The part of Lob's Node SDK (npm `lob`, lob-node) the product uses: letters, created with a PDF uploaded as a file.
declare module 'lob' {
  interface LobAddress {
    name: string;
    address_line1: string;
    address_city: string;
    address_state?: string;
    address_zip: string;
    address_country: string;
  }
  interface LobLetter {
    id: string;
    expected_delivery_date?: string;
  }
  interface LobClient {
    letters: {
      create(
        params: {
          description?: string;
          to: LobAddress;
          from: LobAddress;
          file: Buffer;
          color: boolean;
          double_sided?: boolean;
          use_type: 'operational' | 'marketing';
          address_placement?: 'top_first_page' | 'insert_blank_page';
          metadata?: Record<string, string>;
        },
        headers?: Record<string, string>,
      ): Promise<LobLetter>;
    };
  }
  function Lob(apiKey: string, options?: { host?: string; apiVersion?: string }): LobClient;
  export = Lob;
}
