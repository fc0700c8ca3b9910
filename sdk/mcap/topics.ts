// How a recorded topic ("<node>/<port>") becomes a port name of the record and replay nodes: port
// names are identifiers (no "/" or "."), so "camera/image" becomes "camera_image".
const PORT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function portForTopic(topic: string): string {
  const p = topic.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(p) ? p : `_${p}`;
}

export function isPortName(name: string): boolean {
  return PORT.test(name);
}
