/**
 * Remote objects that speak Pyro4's wire protocol (version 48, json
 * serializer): a daemon, proxies, a name server, expose / one-way /
 * instance modes, async proxies and Pyro4's HMAC key. Python's Pyro4
 * clients can call our objects and our proxies can call Python's.
 */
export { Daemon, DAEMON_NAME, type DaemonOptions, type RegisterOptions,
} from './daemon.ts';
export {
  CommunicationError, DaemonError, NamingError, ProtocolError, PyroError,
  RemoteError, SecurityError, SerializeError, TimeoutError,
} from './errors.ts';
export { behavior, expose, oneway, type InstanceMode } from './expose.ts';
export { NameServer, startNameServer, type RunningNameServer,
} from './nameserver.ts';
export * as protocol from './protocol.ts';
export {
  locateNS, NAMESERVER_NAME, nameServerLocation, proxy, PyroProxy,
  type NameServerApi, type ProxyOptions, type Remote, type RemoteProxy,
} from './proxy.ts';
export { formatUri, parseUri, type Uri } from './uri.ts';
