/** The drag-and-drop data type under which the palette puts a node kind's id. */
export const KIND_MIME = 'application/fusion-kind';
