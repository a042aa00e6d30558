/** Save a file made in the browser (a CSV of a table, an employee's export): a hidden link is clicked. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it started; let the click finish first.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
