// Where the parts of one recording lie: the record node writes them, HIL reads them back.

/**
 * The file a recorder writes. A restarted worker's recorder (the supervisor sets REFLEX_RESTART) must
 * not truncate what the one before it recorded: restart k writes "<name>.<k>.mcap" next to it.
 */
export function recordingPart(file: string, restart: number): string {
  if (restart <= 0) return file;
  return file.endsWith(".mcap") ? `${file.slice(0, -5)}.${restart}.mcap` : `${file}.${restart}`;
}
