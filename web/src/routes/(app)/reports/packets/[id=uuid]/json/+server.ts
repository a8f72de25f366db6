import { downloadPacket } from '../download';
import type { RequestHandler } from './$types';

/** The packet's JSON, fetched from the API as the signed-in user (the API decides who may read it). */
export const GET: RequestHandler = ({ locals, params }) => downloadPacket(locals.api, params.id, 'json');
