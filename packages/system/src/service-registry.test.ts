import { describe, expect, it } from "vitest";
import { ServiceKey } from "./service-key.js";
import { ServiceError, ServiceRegistry } from "./service-registry.js";

describe("ServiceRegistry", () => {
  const Name = new ServiceKey<string>("name");

  it("returns what was registered, typed by the key, and who provided it", () => {
    const r = new ServiceRegistry();
    r.register(Name, "tux", "names");
    const value: string = r.get(Name);
    expect(value).toBe("tux");
    expect(r.providerOf(Name)).toBe("names");
  });

  it("tells keys with the same name apart", () => {
    const r = new ServiceRegistry();
    r.register(Name, "tux", "names");
    expect(r.find(new ServiceKey<string>("name"))).toBeUndefined();
  });

  it("names both providers when a key is registered twice", () => {
    const r = new ServiceRegistry();
    r.register(Name, "a", "first");
    expect(() => r.register(Name, "b", "second")).toThrow(
      /service name is provided twice: by first and by second/,
    );
  });

  it("throws a ServiceError for a key nobody registered", () => {
    expect(() => new ServiceRegistry().get(Name)).toThrow(ServiceError);
  });
});
