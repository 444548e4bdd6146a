// One row of the Groups tab's table, as the page hands it to the row's actions.
export type GroupRow = {
  name: string;
  precedence: number | null;
  description: string;
  roleArn: string | null;
  members: number;
};
