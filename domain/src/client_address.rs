//! Who is asking, for rate limits: the client's address as the key its requests are counted
//! under. Behind a reverse proxy the socket's address is the proxy's, so the address comes from
//! the header the configured proxy sets; the header is believed only when the request really
//! came from that proxy's side (the operator names the header, nobody else can). An IPv6
//! client usually holds a whole /64 and can pick any address in it, so it is counted per /64;
//! an IPv4 address (often a whole school behind one) per address.

use std::net::{IpAddr, Ipv6Addr};

/// The rate-limit key of a client at `ip`: the IPv4 address, or the IPv6 /64 prefix. An
/// IPv4 address written as IPv6 (`::ffff:a.b.c.d`) counts as the IPv4 address.
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
    }
}

/// The client's address from a proxy header's value: the last entry of a list
/// (`X-Forwarded-For: client, proxy1`, where the last one was added by the proxy in front of
/// us, and the ones before it could be written by the client), or the single address of
/// `X-Real-IP`. `None` when it is no address.
pub fn from_proxy_header(value: &str) -> Option<IpAddr> {
    let last = value.rsplit(',').next()?.trim();
    let bare = last
        .strip_prefix('[')
        .and_then(|v| v.split(']').next())
        .unwrap_or(last);
    bare.parse().ok().or_else(|| {
        // `a.b.c.d:port`
        bare.rsplit_once(':')
            .filter(|(host, _)| !host.contains(':'))
            .and_then(|(host, _)| host.parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv4_clients_are_counted_per_address() {
        assert_eq!(client_key(ip("192.0.2.7")), "192.0.2.7");
        assert_ne!(client_key(ip("192.0.2.7")), client_key(ip("192.0.2.8")));
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        let a = client_key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        let b = client_key(ip("2001:db8:1:2::1"));
        let other = client_key(ip("2001:db8:1:3::1"));
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(a, b, "one /64 is one client");
        assert_ne!(a, other);
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), "192.0.2.7");
    }

    #[test]
    fn the_address_the_proxy_added_is_the_last_one() {
        assert_eq!(
            from_proxy_header("203.0.113.9, 198.51.100.2"),
            Some(ip("198.51.100.2")),
            "a client cannot choose its key by sending the header itself"
        );
        assert_eq!(
            from_proxy_header(" 198.51.100.2 "),
            Some(ip("198.51.100.2"))
        );
        assert_eq!(from_proxy_header("2001:db8::5"), Some(ip("2001:db8::5")));
        assert_eq!(
            from_proxy_header("[2001:db8::5]:443"),
            Some(ip("2001:db8::5"))
        );
        assert_eq!(
            from_proxy_header("198.51.100.2:5000"),
            Some(ip("198.51.100.2"))
        );
        assert_eq!(from_proxy_header("unknown"), None);
        assert_eq!(from_proxy_header(""), None);
    }
}
