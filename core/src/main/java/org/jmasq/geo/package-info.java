/**
 * Countries of IP addresses: the lookup the Neighborhood asks ({@link org.jmasq.geo.CountryOf}) and
 * the small text table tests give it. Pure logic: the tables' files are read by the Node.
 */
package org.jmasq.geo;
