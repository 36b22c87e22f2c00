/**
 * The Node's IP-to-country tables: the shipped MMDB file (ip-location-db's geo-whois-asn-country)
 * and the test-only text table, opened at start and read from any thread.
 */
package org.jmasq.node.geo;
