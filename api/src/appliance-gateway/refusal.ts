import grpc from '@grpc/grpc-js';

/** A call the gateway answers itself, with a gRPC status and a message that says what and why. */
export class GatewayRefusal extends Error {
  override readonly name = 'GatewayRefusal';
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(`appliance gateway: ${message}`);
  }

  toServiceError(): Partial<grpc.ServiceError> {
    return { code: this.code, details: this.message, metadata: new grpc.Metadata() };
  }
}

export const unauthenticated = (why: string) => new GatewayRefusal(grpc.status.UNAUTHENTICATED, why);
export const forbidden = (why: string) => new GatewayRefusal(grpc.status.PERMISSION_DENIED, why);
export const badRequest = (why: string) => new GatewayRefusal(grpc.status.INVALID_ARGUMENT, why);
export const unavailable = (why: string) => new GatewayRefusal(grpc.status.UNAVAILABLE, why);
